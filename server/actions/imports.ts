import { z } from 'zod';
import * as imports from '@/server/imports/service';
import { defineAction } from './define';
import { formText } from './form';

/** Issue 12: the import page's two steps, preview then write; the service checks the role and every line again. */
const importForm = z.object({ kind: z.enum(imports.IMPORT_KINDS, 'import.kind'), csv: formText });

export const previewImport = defineAction({
  schema: importForm,
  run: (actor, { kind, csv }) => imports.previewImport(actor, { kind, csv: csv ?? '' }),
});

export const runImport = defineAction({
  schema: importForm.extend({ mode: z.enum(['all', 'valid'], 'import.mode') }),
  run: (actor, { kind, csv, mode }, now) => imports.runImport(actor, { kind, csv: csv ?? '', mode }, now),
});
