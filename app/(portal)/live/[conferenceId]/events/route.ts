import { currentActor } from '@/app/lib/session';
import { problem, problemFromError } from '@/server/api/problem';
import { openLive } from '@/server/live/access';
import { conferenceEventStream, resumeId } from '@/server/live/stream';

export const dynamic = 'force-dynamic';

/** The live page's stream (L-1), signed in by the session cookie: the events, the action log, dial progress. */
export async function GET(request: Request, context: { params: Promise<{ conferenceId: string }> }): Promise<Response> {
  try {
    const actor = await currentActor();
    if (!actor) return problem(401, 'Sign in again');
    const access = await openLive({ kind: 'user', actor, via: 'portal' }, (await context.params).conferenceId);
    return await conferenceEventStream({ access, afterId: resumeId(request), page: true, signal: request.signal });
  } catch (error) {
    return problemFromError(error);
  }
}
