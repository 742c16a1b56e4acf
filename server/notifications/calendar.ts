import { calendarFor } from '@/emails/ics';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { findRoom } from '@/server/rooms/service';
import { roomFacts } from './facts';

export interface CalendarFile {
  filename: string;
  content: string;
}

/**
 * E-1: the room's event as a file to add to a calendar by hand (METHOD:PUBLISH): the same UID,
 * SEQUENCE, start and zone as the invitation's, so a calendar that already holds the event
 * updates it instead of doubling it. Everyone in the tenant may read a room (T-4).
 */
export async function roomCalendar(actor: Actor, roomId: string, now: Date): Promise<CalendarFile> {
  const room = await findRoom(actor, roomId);
  const facts = (await roomFacts(db(), [room])).get(room.id)!;
  return { filename: `room-${room.roomNumber}.ics`, content: calendarFor('download', facts, null, now) };
}

/** The answer for a download, from the API and from the room page. */
export function calendarResponse(file: CalendarFile): Response {
  return new Response(file.content, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8; method=PUBLISH',
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}
