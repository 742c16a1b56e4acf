import { CsvError, parse } from 'csv-parse/sync';
import { ValidationError } from '@/server/lib/errors';

/** Larger files are refused whole: an import is a tenant's list, not a data dump. */
export const MAX_IMPORT_LINES = 1000;
export const MAX_IMPORT_CHARS = 500_000;

export interface CsvLine {
  /** The line of the file the record ends on (1 = the header), as a spreadsheet shows it. */
  line: number;
  values: Record<string, string>;
  /** The record has more or fewer cells than the header. */
  badLength: boolean;
}

const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

/**
 * Reads a CSV as spreadsheets write it (comma or semicolon, quotes, a BOM, CRLF), the first line
 * naming the columns. Column names are matched without case or accents, in French or English,
 * through `aliases` (stripped name → field); unknown columns are refused, naming them.
 */
export function readCsv(text: string, aliases: Record<string, string>, required: string[]): CsvLine[] {
  if (text.length > MAX_IMPORT_CHARS) throw new ValidationError([{ field: 'csv', code: 'import.tooLarge' }]);
  let records: { record: string[]; info: { lines: number; invalid_field_length: number } }[];
  try {
    records = parse(text, { bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw new ValidationError([{ field: 'csv', code: 'import.malformed' }]);
    throw error;
  }
  if (records.length === 0) throw new ValidationError([{ field: 'csv', code: 'import.empty' }]);
  if (records.length - 1 > MAX_IMPORT_LINES) throw new ValidationError([{ field: 'csv', code: 'import.tooLarge' }]);
  const [header, ...rows] = records;
  const columns = header.record.map((name) => aliases[strip(name)]);
  if (columns.some((c) => !c) || new Set(columns).size !== columns.length || required.some((r) => !columns.includes(r)))
    throw new ValidationError([{ field: 'csv', code: 'import.columns' }]);
  return rows.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(columns.map((c, i) => [c, record[i] ?? ''])),
    badLength: record.length !== columns.length,
  }));
}
