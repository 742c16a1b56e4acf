import { auth } from '@/auth';
import { actorForSession } from '@/server/auth/sessions';
import { problem, problemFromError } from '@/server/api/problem';
import { openLive } from '@/server/live/access';
import { conferenceEventStream, resumeId } from '@/server/live/stream';

export const dynamic = 'force-dynamic';

/** The live page's stream (L-1), signed in by the session cookie: the events, the action log, dial progress. */
export async function GET(request: Request, context: { params: Promise<{ conferenceId: string }> }): Promise<Response> {
  try {
    const session = await auth();
    const actor = session ? await actorForSession(session) : null;
    if (!session || !actor) return problem(401, 'Sign in again');
    const access = await openLive({ kind: 'user', actor, via: 'portal' }, (await context.params).conferenceId);
    // A sign-out (here or everywhere) or a removed user ends the stream at the next heartbeat.
    return await conferenceEventStream({ access, afterId: resumeId(request), page: true, signal: request.signal, stillAllowed: async () => (await actorForSession(session)) !== null });
  } catch (error) {
    return problemFromError(error);
  }
}
