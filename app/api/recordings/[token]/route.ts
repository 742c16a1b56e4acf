import { systemClock } from '@/server/lib/clock';
import { followRecordingLink } from '@/server/recordings/links';

type Params = { token: string };

const PLAIN = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
/** Whoever follows the link has no session and so no language of ours: both, as the emails are read in either. */
const PREPARING = "L'enregistrement est en cours de préparation ; réessayez dans une minute.\nThe recording is still being prepared; try again in a minute.\n";

/** REC-2: the expiring link of a recording; no session, the token is the permission. */
export async function GET(request: Request, context: { params: Promise<Params> }): Promise<Response> {
  const { token } = await context.params;
  const answer = await followRecordingLink(token, systemClock());
  if (!answer) return new Response('Not found', { status: 404, headers: PLAIN });
  if (answer.kind === 'preparing') return new Response(PREPARING, { status: 503, headers: { ...PLAIN, 'retry-after': '30' } });
  return new Response(answer.mp3 as BodyInit, {
    headers: { 'content-type': 'audio/mpeg', 'content-length': String(answer.mp3.byteLength), 'cache-control': 'private, no-store', 'content-disposition': `${new URL(request.url).searchParams.has('download') ? 'attachment' : 'inline'}; filename="recording.mp3"` },
  });
}
