import { apiRoute } from '@/server/api/route';
import { deleteRoomLink } from '@/server/live/links';

type Params = { id: string; kind: string };

export const DELETE = apiRoute<Params>(async ({ actor, params }) => deleteRoomLink(actor, params.id, params.kind));
