import { problem, problemFromError } from '@/server/api/problem';
import { openLive } from '@/server/live/access';
import { resolveLink } from '@/server/live/links';
import { conferenceEventStream, resumeId, roomWaitStream } from '@/server/live/stream';

export const dynamic = 'force-dynamic';

/**
 * The stream of a public tracking or control page (L-3): the conference's events with numbers
 * masked as the tenant chose, the action log and dial progress; `?conferenceId=` absent, it
 * waits for the room's next conference. A dead link answers 404; an open stream on a link that
 * dies gets `link.revoked` and closes.
 */
export async function GET(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const { token } = await context.params;
    const link = await resolveLink(token);
    if (!link) return problem(404, 'This link is no longer valid');
    const conferenceId = new URL(request.url).searchParams.get('conferenceId');
    if (!conferenceId) return roomWaitStream({ tenantId: link.tenantId, roomId: link.roomId, tokenHash: link.tokenHash, signal: request.signal });
    const access = await openLive({ kind: 'link', link }, conferenceId);
    // Besides the revocation notice, the link is checked again at each heartbeat (a notice missed during a reconnection).
    return await conferenceEventStream({ access, afterId: resumeId(request), page: true, tokenHash: link.tokenHash, signal: request.signal, stillAllowed: async () => (await resolveLink(token)) !== null });
  } catch (error) {
    return problemFromError(error);
  }
}
