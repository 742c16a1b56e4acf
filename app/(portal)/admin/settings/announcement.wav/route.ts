import { redirect } from 'next/navigation';
import { currentActor } from '@/app/lib/session';
import { isAdmin } from '@/server/auth/actor';
import { wavResponse } from '@/server/announcements/response';
import { announcementAudio } from '@/server/announcements/service';

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** T-2: the settings page's player; the signed-in admin's own tenant only, like the page itself. */
export async function GET(): Promise<Response> {
  const actor = await currentActor();
  if (!actor) redirect('/sign-in');
  if (!isAdmin(actor)) return notFound();
  const audio = await announcementAudio(actor);
  return audio ? wavResponse(audio) : notFound();
}
