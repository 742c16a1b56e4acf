import { apiRoute } from '@/server/api/route';
import { getConference } from '@/server/conferences/queries';

type Params = { id: string };

export const GET = apiRoute<Params>(({ actor, params, now }) => getConference(actor, params.id, now));
