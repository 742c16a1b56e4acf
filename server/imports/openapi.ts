import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers, jsonBody } from '@/server/api/openapi-parts';
import { IMPORT_KINDS, importSchema } from './service';

const issue = z.object({ field: z.string(), code: z.string() });
const previewSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    lines: z.array(z.object({ line: z.number().int(), values: z.record(z.string(), z.string()), errors: z.array(issue) })),
    valid: z.number().int(),
    invalid: z.number().int(),
  })
  .meta({ id: 'ImportPreview' });
const resultSchema = z.object({ imported: z.number().int(), skipped: z.number().int(), linksSent: z.number().int().optional() }).meta({ id: 'ImportResult' });

/** Issue 12: bulk import from CSV (tenant admins only). */
export const importPaths: ZodOpenApiPathsObject = {
  '/api/v1/imports/{kind}': {
    post: {
      operationId: 'importCsv',
      summary: 'Import directory entries or users from CSV text',
      description:
        '`kind` is `directory` (columns name, number, email) or `users` (columns email, name, role, extension; each new user is emailed a link to choose a password, valid 72 hours). The first line names the columns (French names too); comma, semicolon or tab. `mode`: `preview` (default) checks every line and writes nothing (200); `all` writes every line or, while a line is wrong, nothing (400 naming `lines.<line>.<field>`); `valid` writes only the valid lines (201). At most 1,000 lines.',
      requestParams: { path: z.object({ kind: z.enum(IMPORT_KINDS) }) },
      requestBody: jsonBody(importSchema.omit({ kind: true })),
      responses: {
        ...answers({ status: 200, description: 'The preview: every line with its errors', schema: previewSchema }, 400, 401, 403, 404, 409),
        ...answers({ status: 201, description: 'Written', schema: resultSchema }),
      },
    },
  },
};
