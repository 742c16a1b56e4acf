import { apiRoute } from '@/server/api/route';
import { NotFoundError } from '@/server/lib/errors';
import { IMPORT_KINDS, runImport, type ImportKind } from '@/server/imports/service';

/** Issue 12: `mode` preview (default, 200, writes nothing), all or valid (201). */
export const POST = apiRoute<{ kind: string }>(async ({ actor, params, body, now }) => {
  if (!IMPORT_KINDS.includes(params.kind as ImportKind)) throw new NotFoundError('Import kind');
  const input = await body();
  const fields = input && typeof input === 'object' && !Array.isArray(input) ? input : {};
  const result = await runImport(actor, { ...fields, kind: params.kind } as never, now);
  return 'imported' in result ? Response.json(result, { status: 201 }) : result;
});
