import { apiRoute } from '@/server/api/route';
import type { RoomCreateInput } from '@/server/rooms/schemas';
import { createRoom, listRooms } from '@/server/rooms/service';

export const GET = apiRoute(({ actor, query, now }) => listRooms(actor, query, now));

export const POST = apiRoute(async ({ actor, body, now }) => createRoom(actor, (await body()) as RoomCreateInput, now), { status: 201 });
