import { redirect } from 'next/navigation';
import { currentActor } from '@/app/lib/session';
import { systemClock } from '@/server/lib/clock';
import { NotFoundError } from '@/server/lib/errors';
import { calendarResponse, roomCalendar } from '@/server/notifications/calendar';

/** The room page's "Add to calendar" download, for the signed-in user (T-1: another tenant's room is a 404). */
export async function GET(_request: Request, { params }: { params: Promise<{ roomId: string }> }): Promise<Response> {
  const actor = await currentActor();
  if (!actor) redirect('/sign-in');
  try {
    return calendarResponse(await roomCalendar(actor, (await params).roomId, systemClock()));
  } catch (error) {
    if (error instanceof NotFoundError) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    throw error;
  }
}
