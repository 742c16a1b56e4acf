import { apiRoute } from '@/server/api/route';
import { actorForBearer } from '@/server/users/tokens';
import { openLive } from '@/server/live/access';
import { conferenceEventStream, resumeId } from '@/server/live/stream';

type Params = { id: string };

export const dynamic = 'force-dynamic';

/** Server-Sent Events for integrators (L-1): the five event names of the Contract, resumable with Last-Event-ID. */
export const GET = apiRoute<Params>(async ({ actor, params, request }) =>
  conferenceEventStream({
    access: await openLive({ kind: 'user', actor, via: 'api' }, params.id),
    afterId: resumeId(request),
    page: false,
    signal: request.signal,
    stillAllowed: () => actorForBearer(request.headers.get('authorization')).then(() => true, () => false),
  }),
);
