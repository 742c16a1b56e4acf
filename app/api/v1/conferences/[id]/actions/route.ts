import { apiRoute } from '@/server/api/route';
import { performConferenceAction } from '@/server/live/actions';

type Params = { id: string };

export const POST = apiRoute<Params>(async ({ actor, params, body, now }) => performConferenceAction({ kind: 'user', actor, via: 'api' }, params.id, await body(), now));
