import { apiRoute } from '@/server/api/route';
import type { RoomUpdateInput } from '@/server/rooms/schemas';
import { deleteRoom, getRoom, updateRoom } from '@/server/rooms/service';

type Params = { id: string };

export const GET = apiRoute<Params>(({ actor, params, now }) => getRoom(actor, params.id, now));

export const PATCH = apiRoute<Params>(async ({ actor, params, body, now }) => updateRoom(actor, params.id, (await body()) as RoomUpdateInput, now));

export const DELETE = apiRoute<Params>(({ actor, params, now }) => deleteRoom(actor, params.id, now));
