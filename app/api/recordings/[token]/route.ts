import { systemClock } from '@/server/lib/clock';
import { recordingByLink } from '@/server/recordings/links';

type Params = { token: string };

/** REC-2: the expiring link of a recording; no session, the token is the permission. */
export async function GET(request: Request, context: { params: Promise<Params> }): Promise<Response> {
  const { token } = await context.params;
  const mp3 = await recordingByLink(token, systemClock());
  if (!mp3) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(mp3 as BodyInit, {
    headers: { 'content-type': 'audio/mpeg', 'content-length': String(mp3.byteLength), 'cache-control': 'private, no-store', 'content-disposition': `${new URL(request.url).searchParams.has('download') ? 'attachment' : 'inline'}; filename="recording.mp3"` },
  });
}
