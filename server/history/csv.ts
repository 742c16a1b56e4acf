import { Readable } from 'node:stream';
import type { SQL } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { Actor } from '@/server/auth/actor';
import { tenantOf, visibleConferences } from '@/server/conferences/queries';
import { parseInput } from '@/server/lib/validation';
import { monthLegBatches, type LegLine } from './legs';
import { monthRange } from './participant-minutes';
import { monthQuerySchema, type MonthQuery } from './schemas';

/** The CSV's columns, in order; the header row names them so that a program can read it back (H-3). */
export const CSV_COLUMNS = [
  'conference_id',
  'kind',
  'room_number',
  'room_name',
  'organizer_extension',
  'conference_started_at',
  'conference_ended_at',
  'conference_end_reason',
  'conference_in_progress',
  'participant_id',
  'caller_number',
  'number_hidden',
  'caller_name',
  'role',
  'direction',
  'joined_at',
  'left_at',
  'end_reason',
  'duration_seconds',
  'participant_minutes',
] as const;

/**
 * A cell starting with = + - @ is run as a formula by spreadsheets (CSV injection); caller names
 * come from SIP headers, so such text is written with a leading apostrophe. Phone numbers (`+33…`)
 * are data, not formulas, and stay as they are.
 */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^\+?\d+$/.test(value) ? `'${value}` : value;
}

const QUARTER_HOUR = 15 * 60_000;

/**
 * ISO 8601 in the zone with its offset (`2026-04-30T23:50:00+02:00`), for 800,000 instants a
 * month: the offset is asked of luxon once per quarter of an hour (zones change offset on such
 * boundaries), the rest is arithmetic.
 */
export function localIsoFormatter(zone: string): (at: Date | null) => string {
  const offsets = new Map<number, number>();
  return (at) => {
    if (!at) return '';
    const ms = at.getTime();
    const slot = Math.floor(ms / QUARTER_HOUR);
    let offset = offsets.get(slot);
    if (offset === undefined) {
      offset = DateTime.fromMillis(ms, { zone }).offset;
      offsets.set(slot, offset);
    }
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
    return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  };
}

/** One row, its cells in CSV_COLUMNS order (arrays spare the writer a lookup per cell). */
function record(line: LegLine, local: (at: Date | null) => string): (string | number)[] {
  return [
    line.conference_id,
    line.kind,
    line.room_number ?? '',
    line.room_name ?? '',
    line.organizer_extension ?? '',
    local(line.conference_started_at),
    local(line.conference_ended_at),
    line.conference_end_reason ?? '',
    line.conference_ended_at ? 'no' : 'yes',
    line.participant_id,
    line.caller_number ?? '',
    line.caller_number ? 'no' : 'yes',
    line.caller_name ?? '',
    line.role,
    line.direction,
    local(line.joined_at),
    local(line.left_at),
    line.end_reason ?? '',
    line.duration_seconds,
    line.participant_minutes,
  ];
}

/** The CSV of a tenant's month within `scope` (what a user sees, or the whole tenant for the operator's CLI). */
export async function monthCsvStream(tenantId: string, scope: SQL | undefined, month: string, now: Date): Promise<Readable> {
  const tenant = await tenantOf(tenantId);
  const batches = monthLegBatches(scope, monthRange(month, tenant.timezone), now);
  const local = localIsoFormatter(tenant.timezone);
  const options = { columns: [...CSV_COLUMNS], cast: { string: safeCell } };
  // One chunk per cursor batch rather than per row: a month is 100 chunks, not 200,000.
  return Readable.from(
    (async function* () {
      yield Buffer.from(stringify([], { ...options, header: true, bom: true }));
      for await (const batch of batches) yield Buffer.from(stringify(batch.map((line) => record(line, local)), options));
    })(),
    // A few batches (about 1 MB) are fetched ahead of a slow client, never more.
    { highWaterMark: 4 },
  );
}

/**
 * H-3 `GET /api/v1/conferences/export.csv?month=`: one row per participant leg with its
 * conference's columns, times in the tenant's zone with their offset, UTF-8 with a BOM so that
 * Excel reads French names right. Streamed from a database cursor: the month is never held whole.
 */
export async function monthCsv(actor: Actor, query: MonthQuery, now: Date): Promise<Response> {
  const { month } = parseInput(monthQuerySchema, query);
  const csv = await monthCsvStream(actor.tenantId, visibleConferences(actor), month, now);
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="conferences-${month}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
}
