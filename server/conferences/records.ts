import { and, eq, isNull } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { conferences, participants, type ConferenceKind, type ParticipantRole } from '@/server/db/schema';

/**
 * H-1, Q-4: call records are written as things happen — a row when a conference starts, one per
 * leg when it joins, closed when it leaves — so a crash loses nothing already answered.
 */
/** The media server name of calls run by `call simulate`: recorded, but nobody's bill (H-2). */
export const SIMULATED_MEDIA_SERVER = 'simulator';

export interface OpenConferenceInput {
  tenantId: string;
  kind: ConferenceKind;
  roomId: string | null;
  roomNumber: string | null;
  organizerExtension: string | null;
  mediaServer: string;
  sipInstance: string;
  mediaName: string;
  startedAt: Date;
  /** The room's announceJoinLeave option (C-2), the starting value of `*5`. */
  joinLeaveTones?: boolean;
}

export async function openConference(input: OpenConferenceInput): Promise<string> {
  const [row] = await db().insert(conferences).values(input).returning({ id: conferences.id });
  return row.id;
}

export interface JoinInput {
  tenantId: string;
  conferenceId: string;
  callId: string;
  callerNumber: string | null;
  callerName: string | null;
  role: ParticipantRole;
  direction: 'inbound' | 'outbound';
  joinedAt: Date;
  /** Entered muted (room option enterMuted, C-7). */
  muted?: boolean;
}

export async function recordJoin(input: JoinInput): Promise<string> {
  const [row] = await db().insert(participants).values(input).returning({ id: participants.id });
  return row.id;
}

/** How a leg ended: `hangup` (they hung up), `last-participant` (C-3), `kicked`, `sip-restart`… */
export async function recordLeave(participantId: string, leftAt: Date, endReason: string): Promise<void> {
  await db()
    .update(participants)
    .set({ leftAt, endReason })
    .where(and(eq(participants.id, participantId), isNull(participants.leftAt)));
}

export async function closeConference(conferenceId: string, endedAt: Date, endReason: string): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .update(participants)
      .set({ leftAt: endedAt, endReason })
      .where(and(eq(participants.conferenceId, conferenceId), isNull(participants.leftAt)));
    await tx
      .update(conferences)
      .set({ endedAt, endReason })
      .where(and(eq(conferences.id, conferenceId), isNull(conferences.endedAt)));
  });
}

/** The sip instance running an open conference of that media name, if any. */
export async function openConferenceOwner(mediaName: string): Promise<string | null> {
  const [row] = await db()
    .select({ sipInstance: conferences.sipInstance })
    .from(conferences)
    .where(and(eq(conferences.mediaName, mediaName), isNull(conferences.endedAt)));
  return row?.sipInstance ?? null;
}

/**
 * After a crash: closes what this sip instance left open and returns the media conference names
 * to clear from FreeSWITCH, so the next call to that room does not meet "conference exists".
 */
export async function closeAbandonedConferences(sipInstance: string, at: Date): Promise<string[]> {
  const open = await db()
    .select({ id: conferences.id, mediaName: conferences.mediaName })
    .from(conferences)
    .where(and(eq(conferences.sipInstance, sipInstance), isNull(conferences.endedAt)));
  for (const conference of open) await closeConference(conference.id, at, 'sip-restart');
  return open.map((c) => c.mediaName);
}
