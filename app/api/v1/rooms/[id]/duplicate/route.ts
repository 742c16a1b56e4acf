import { apiRoute } from '@/server/api/route';
import { duplicateRoom, type RoomDuplicateInput } from '@/server/rooms/duplicate';

type Params = { id: string };

/** A POST with nothing in it (no type, no length, or length 0) copies the room as it is. */
function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (request.body === null || length === '0') return false;
  return length !== null || request.headers.has('transfer-encoding') || request.headers.has('content-type');
}

export const POST = apiRoute<Params>(
  async ({ actor, params, request, body, now }) => duplicateRoom(actor, params.id, (hasBody(request) ? await body() : {}) as RoomDuplicateInput, now),
  { status: 201 },
);
