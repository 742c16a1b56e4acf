import { apiRoute } from '@/server/api/route';
import { createRoomLink, type RoomLinkInput } from '@/server/live/links';

type Params = { id: string };

export const POST = apiRoute<Params>(async ({ actor, params, body, now }) => createRoomLink(actor, params.id, (await body()) as RoomLinkInput, now), { status: 201 });
