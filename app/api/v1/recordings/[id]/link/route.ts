import { apiRoute } from '@/server/api/route';
import { createRecordingLink } from '@/server/recordings/access';
import type { RecordingLinkInput } from '@/server/recordings/schemas';

type Params = { id: string };

/** A POST with nothing in it (no type, no length, or length 0) asks for the default lifetime. */
function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (request.body === null || length === '0') return false;
  return length !== null || request.headers.has('transfer-encoding') || request.headers.has('content-type');
}

export const POST = apiRoute<Params>(
  async ({ actor, params, request, body, now }) => createRecordingLink(actor, params.id, (hasBody(request) ? await body() : {}) as RecordingLinkInput, now),
);
