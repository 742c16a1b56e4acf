import { z } from 'zod';
import { executeAction } from '@/server/actions/define';
import { problem, problemFromError } from '@/server/api/problem';
import { performConferenceAction } from '@/server/live/actions';
import { resolveLink } from '@/server/live/links';
import { systemClock } from '@/server/lib/clock';

/**
 * L-2 actions from a control link's page: the token in the path is the credential (a tracking
 * link reads only: 403). Body `{ conferenceId, action, participantId?, number? }`; the answer
 * has the shape of a server action's result, so the page shows both alike, and the status of
 * the same refusal through the API.
 */
const MAX_BODY = 4096;

const linkAction = (link: NonNullable<Awaited<ReturnType<typeof resolveLink>>>) => ({
  schema: z.object({ conferenceId: z.string() }).passthrough(),
  run: (_actor: never, { conferenceId, ...action }: { conferenceId: string; [key: string]: unknown }, now: Date) =>
    performConferenceAction({ kind: 'link', link }, conferenceId, action, now),
});

export async function POST(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const link = await resolveLink((await context.params).token);
    if (!link) return problem(404, 'This link is no longer valid');
    const text = await request.text();
    let body: unknown = null;
    try {
      body = text.length <= MAX_BODY ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    // No user acts here: the link is the one acting, as the action log says.
    const result = await executeAction(linkAction(link) as never, null as never, body, systemClock());
    return Response.json(result, { status: result.ok ? 200 : result.status });
  } catch (error) {
    return problemFromError(error);
  }
}
