import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { conferences, participants, type ConferenceKind, type ParticipantRole } from '@/server/db/schema';
import { enqueueConferenceReport } from '@/server/history/report-email';
import { appendConferenceEvent, appendParticipantEvent, type Tx } from '@/server/live/events';

/**
 * H-1, Q-4: call records are written as things happen — a row when a conference starts, one per
 * leg when it joins, closed when it leaves — so a crash loses nothing already answered.
 */
/** The media server name of calls run by `call simulate`: recorded, but nobody's bill (H-2). */
export const SIMULATED_MEDIA_SERVER = 'simulator';

export interface OpenConferenceInput {
  /** Chosen by the sip process, which names the media server's conference after it; random otherwise. */
  id?: string;
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
  /** Run by a sip process on the simulated engine (SIP_ENGINE=simulated). */
  simulated?: boolean;
}

/** Each write below also writes its event (L-1) in the same transaction: the live page and webhooks see exactly what is recorded. */
export async function openConference(input: OpenConferenceInput): Promise<string> {
  return db().transaction(async (tx) => {
    const [row] = await tx.insert(conferences).values(input).returning({ id: conferences.id });
    await conferenceStarted(tx, { ...input, id: row.id });
    return row.id;
  });
}

async function conferenceStarted(tx: Tx, input: OpenConferenceInput & { id: string }): Promise<void> {
  await appendConferenceEvent(tx, {
    tenantId: input.tenantId,
    conferenceId: input.id,
    kind: 'conference-started',
    payload: { startedAt: input.startedAt.toISOString() },
    at: input.startedAt,
  });
}

export interface RunningConference {
  id: string;
  sipInstance: string;
  mediaName: string;
}

export type RoomConferenceClaim = { opened: true } | { opened: false; runningElsewhere: RunningConference };

/**
 * A room's callers meet in one conference: a room conference is opened only when no other sip
 * process runs one of that room on the same media server (checked and written under a lock on the
 * room, so two processes starting one at the same instant do not both succeed). Conferences of
 * this process are not in the way: it knows its own.
 */
export async function openRoomConference(input: OpenConferenceInput & { id: string; roomId: string }): Promise<RoomConferenceClaim> {
  return db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`conference-room:${input.roomId}`}, 0))`);
    const [running] = await tx
      .select({ id: conferences.id, sipInstance: conferences.sipInstance, mediaName: conferences.mediaName })
      .from(conferences)
      .where(
        and(
          eq(conferences.tenantId, input.tenantId),
          eq(conferences.roomId, input.roomId),
          eq(conferences.mediaServer, input.mediaServer),
          ne(conferences.sipInstance, input.sipInstance),
          isNull(conferences.endedAt),
        ),
      )
      .limit(1);
    if (running) return { opened: false, runningElsewhere: running };
    await tx.insert(conferences).values(input);
    await conferenceStarted(tx, input);
    return { opened: true };
  });
}

export interface JoinInput {
  tenantId: string;
  conferenceId: string;
  callId: string;
  callerNumber: string | null;
  callerName: string | null;
  role: ParticipantRole;
  direction: 'inbound' | 'outbound';
  /** The SIP dialog of the leg, for a BYE after a restart. */
  sipDialogId?: string | null;
  joinedAt: Date;
  /** Entered muted (room option enterMuted, C-7). */
  muted?: boolean;
}

export async function recordJoin(input: JoinInput): Promise<string> {
  return db().transaction(async (tx) => {
    const [row] = await tx.insert(participants).values(input).returning({ id: participants.id });
    await appendParticipantEvent(tx, { tenantId: input.tenantId, conferenceId: input.conferenceId, participantId: row.id, kind: 'participant-joined', at: input.joinedAt });
    return row.id;
  });
}

/** How a leg ended: `hangup` (they hung up), `last-participant` (C-3), `kicked`, `sip-restart`… */
export async function recordLeave(participantId: string, leftAt: Date, endReason: string): Promise<void> {
  await db().transaction(async (tx) => {
    const left = await tx
      .update(participants)
      .set({ leftAt, endReason, talking: false })
      .where(and(eq(participants.id, participantId), isNull(participants.leftAt)))
      .returning({ tenantId: participants.tenantId, conferenceId: participants.conferenceId });
    for (const row of left) await appendParticipantEvent(tx, { ...row, participantId, kind: 'participant-left', at: leftAt, reason: endReason });
  });
}

/** Closes the conference and its legs; the one call that closes it also enqueues its report (H-5), in the same transaction. */
export async function closeConference(conferenceId: string, endedAt: Date, endReason: string): Promise<void> {
  await db().transaction(async (tx) => {
    // Rows first, events after: every writer takes the conference's event lock last, so two
    // transactions never wait on each other's row and event locks (a lock at the very end).
    const left = await tx
      .update(participants)
      .set({ leftAt: endedAt, endReason, talking: false })
      .where(and(eq(participants.conferenceId, conferenceId), isNull(participants.leftAt)))
      .returning({ id: participants.id, tenantId: participants.tenantId });
    const ended = await tx
      .update(conferences)
      .set({ endedAt, endReason })
      .where(and(eq(conferences.id, conferenceId), isNull(conferences.endedAt)))
      .returning({ tenantId: conferences.tenantId });
    for (const row of left)
      await appendParticipantEvent(tx, { tenantId: row.tenantId, conferenceId, participantId: row.id, kind: 'participant-left', at: endedAt, reason: endReason });
    for (const row of ended)
      await appendConferenceEvent(tx, { tenantId: row.tenantId, conferenceId, kind: 'conference-ended', payload: { endedAt: endedAt.toISOString(), reason: endReason }, at: endedAt });
    if (ended.length > 0) await enqueueConferenceReport(tx, conferenceId, endedAt);
  });
}

/**
 * After a crash: closes what this sip instance left open and returns what is left on the servers:
 * the media conference names to clear from FreeSWITCH and the SIP dialogs of the legs that were
 * still in them, whose callers must get a BYE.
 */
export async function closeAbandonedConferences(sipInstance: string, at: Date): Promise<{ mediaNames: string[]; sipDialogIds: string[] }> {
  const open = await db()
    .select({ id: conferences.id, mediaName: conferences.mediaName })
    .from(conferences)
    .where(and(eq(conferences.sipInstance, sipInstance), isNull(conferences.endedAt)));
  if (open.length === 0) return { mediaNames: [], sipDialogIds: [] };
  const legs = await db()
    .select({ sipDialogId: participants.sipDialogId })
    .from(participants)
    .innerJoin(conferences, eq(conferences.id, participants.conferenceId))
    .where(and(eq(conferences.sipInstance, sipInstance), isNull(conferences.endedAt), isNull(participants.leftAt)));
  for (const conference of open) await closeConference(conference.id, at, 'sip-restart');
  return { mediaNames: open.map((c) => c.mediaName), sipDialogIds: legs.flatMap((l) => (l.sipDialogId ? [l.sipDialogId] : [])) };
}

/** The participant a call leg became in a conference (`call place` reports it). */
export async function participantOfCall(conferenceId: string, callId: string): Promise<string | null> {
  const [row] = await db()
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.conferenceId, conferenceId), eq(participants.callId, callId)));
  return row?.id ?? null;
}
