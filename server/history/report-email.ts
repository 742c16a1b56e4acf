import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ReportFacts } from '@/emails/report';
import { SIMULATED_MEDIA_SERVER } from '@/server/conferences/records';
import { conferences, participants, recordings, rooms, tenants, users } from '@/server/db/schema';
import { linkFor } from '@/server/recordings/links';
import { MAX_LINK_TTL_SECONDS } from '@/server/recordings/schemas';
import { createNotifications } from '@/server/notifications/create';
import type { Executor } from '@/server/notifications/tx';
import { legMinutes, legSeconds } from './participant-minutes';


/**
 * H-5: called in the transaction that closes a conference, so the report exists exactly when the
 * conference is closed, once (the closing update happens once, and the notifications' unique key
 * holds per conference and recipient). Goes to the room's `reportRecipient`: nobody (`none`), its
 * organizer, or an address. Ad-hoc calls have no room and so no report; neither has a conference
 * with fewer than two legs unless its room asks for it (`reportWhenAlone`), nor `call simulate`'s.
 */
export async function enqueueConferenceReport(tx: Executor, conferenceId: string, now: Date): Promise<void> {
  const [found] = await tx
    .select({ conference: conferences, room: rooms, tenant: tenants, organizer: { name: users.name, email: users.email } })
    .from(conferences)
    .innerJoin(rooms, eq(rooms.id, conferences.roomId))
    .innerJoin(tenants, eq(tenants.id, conferences.tenantId))
    .innerJoin(users, eq(users.id, rooms.organizerId))
    .where(eq(conferences.id, conferenceId));
  if (!found || found.conference.kind !== 'room' || found.conference.mediaServer === SIMULATED_MEDIA_SERVER) return;
  const { conference, room, tenant, organizer } = found;
  if (room.tenantId !== conference.tenantId || room.reportRecipient === 'none') return;
  const legs = await tx
    .select()
    .from(participants)
    .where(eq(participants.conferenceId, conferenceId))
    .orderBy(asc(participants.joinedAt), asc(participants.id));
  if (legs.length === 0 || (legs.length < 2 && !room.reportWhenAlone)) return;
  const endedAt = conference.endedAt ?? now;
  const facts: ReportFacts = {
    tenantName: tenant.name,
    language: tenant.language,
    timezone: tenant.timezone,
    room: { id: room.id, name: room.name, roomNumber: room.roomNumber, version: room.scheduleVersion },
    conference: {
      id: conference.id,
      startedAt: conference.startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationSeconds: legSeconds(conference.startedAt, endedAt, now),
      participantMinutes: legs.reduce((sum, leg) => sum + legMinutes(leg.joinedAt, leg.leftAt, endedAt), 0),
    },
    participants: legs.map((leg) => ({
      callerNumber: leg.callerNumber,
      callerName: leg.callerName,
      role: leg.role,
      joinedAt: leg.joinedAt.toISOString(),
      leftAt: (leg.leftAt ?? endedAt).toISOString(),
      durationSeconds: legSeconds(leg.joinedAt, leg.leftAt, endedAt),
    })),
  };
  // REC-2: a link per recording, for a week; it answers once the worker has encoded the recording.
  const recorded = await tx
    .select()
    .from(recordings)
    .where(and(eq(recordings.tenantId, tenant.id), eq(recordings.conferenceId, conferenceId), inArray(recordings.state, ['recording', 'encoding', 'ready'])))
    .orderBy(asc(recordings.startedAt));
  if (recorded.length > 0) facts.recordings = await Promise.all(recorded.map((r) => linkFor(r, MAX_LINK_TTL_SECONDS, now, tx)));
  const recipient =
    room.reportRecipient === 'organizer' ? { memberId: null, name: organizer.name, email: organizer.email } : { memberId: null, name: room.reportRecipient, email: room.reportRecipient };
  await createNotifications(tx, [{ tenantId: tenant.id, roomId: room.id, kind: 'report', conferenceId, facts, recipients: [recipient] }], now);
}
