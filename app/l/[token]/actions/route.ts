import { problem, problemFromError } from '@/server/api/problem';
import { performConferenceAction } from '@/server/live/actions';
import { resolveLink } from '@/server/live/links';
import { systemClock } from '@/server/lib/clock';
import { ValidationError } from '@/server/lib/errors';
import { unstorableText } from '@/server/lib/validation';

/**
 * L-2 actions from a control link's page: the token in the path is the credential (a tracking
 * link reads only, refused with 403). Body: `{ conferenceId, action, participantId?, number? }`.
 */
export async function POST(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const link = await resolveLink((await context.params).token);
    if (!link) return problem(404, 'This link is no longer valid');
    const body = await readBody(request);
    const { conferenceId, ...action } = body;
    const result = await performConferenceAction({ kind: 'link', link }, typeof conferenceId === 'string' ? conferenceId : '', action, systemClock());
    return Response.json(result);
  } catch (error) {
    return problemFromError(error);
  }
}

const MAX_BODY = 4096;

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  let body: unknown;
  try {
    body = text.length <= MAX_BODY ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError([{ field: 'body', code: 'field.invalid' }]);
  const unstorable = unstorableText(body);
  if (unstorable) throw new ValidationError([unstorable]);
  return body as Record<string, unknown>;
}
