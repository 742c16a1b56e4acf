import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type Db } from '@/server/db/client';
import { conferences, participants, type ActionSource, type ParticipantRole } from '@/server/db/schema';
import { NotFoundError } from '@/server/lib/errors';
import { appendConferenceEvent, appendParticipantEvent } from '@/server/live/events';

/**
 * The live state of a running conference (C-4..C-6, L-1, L-2), written as it changes by the sip
 * process that runs it. One function per kind of change, each writing the state and its line in
 * the action log in one transaction, so that the live page and history never see one without the
 * other. Every query carries the tenant (T-1).
 */

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Who did it: the keypad of a participant, a user of the live page, a control link, the API. */
export interface ActionBy {
  kind: ActionSource;
  /** The participant id (keypad), the user id, the link kind; null when nobody in particular. */
  id: string | null;
}

export interface ConferenceChange {
  tenantId: string;
  conferenceId: string;
  at: Date;
  by: ActionBy;
}

/** How an action ended, as the action log shows it. */
export type ActionResult = 'ok' | 'denied' | 'wrong-pin' | 'unavailable' | 'blocked' | 'cancelled' | 'participant-left' | 'failed' | 'dialing';

export interface ActionLine extends ConferenceChange {
  action: string;
  /** The participant the action was about, if one. */
  participantId?: string | null;
  result: ActionResult;
}

/** An action that changes nothing stored (a count, the help, a refusal) still goes to the log (L-2). */
export async function logAction(line: ActionLine): Promise<void> {
  await db().transaction((tx) => insertAction(tx, line));
}

/** C-4 `*2` (one participant), C-5 `*3` (every non-moderator), L-2 mute/unmute. */
export async function setMuted(change: ConferenceChange & { participantIds: string[]; muted: boolean; action: string; participantId?: string | null }): Promise<void> {
  await db().transaction(async (tx) => {
    if (change.participantIds.length > 0) {
      await tx
        .update(participants)
        .set({ muted: change.muted })
        .where(and(eq(participants.tenantId, change.tenantId), eq(participants.conferenceId, change.conferenceId), inArray(participants.id, change.participantIds)));
      for (const participantId of change.participantIds) await participantUpdated(tx, change, participantId);
    }
    await insertAction(tx, { ...change, result: 'ok' });
  });
}

/** `*8`: a raised hand, shown on the live page (L-1). */
export async function setHandRaised(change: ConferenceChange & { participantId: string; raised: boolean }): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .update(participants)
      .set({ handRaised: change.raised })
      .where(participantOf(change, change.participantId));
    await participantUpdated(tx, change, change.participantId);
    await insertAction(tx, { ...change, action: change.raised ? 'raise-hand' : 'lower-hand', result: 'ok' });
  });
}

/** `*9` + moderator PIN (C-4), L-2 promote/demote: the participant's role changes. */
export async function setRole(change: ConferenceChange & { participantId: string; role: ParticipantRole; action?: string }): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.update(participants).set({ role: change.role }).where(participantOf(change, change.participantId));
    await participantUpdated(tx, change, change.participantId);
    await insertAction(tx, { ...change, action: change.action ?? `role-${change.role}`, result: 'ok' });
  });
}

/** `*6`, L-2 (C-6): a locked conference admits nobody new. */
export async function setLocked(change: ConferenceChange & { locked: boolean }): Promise<void> {
  await conferenceState(change, { locked: change.locked }, change.locked ? 'lock' : 'unlock');
}

/** `*4` (C-5): music for everyone, nobody hears anyone. */
export async function setPaused(change: ConferenceChange & { paused: boolean }): Promise<void> {
  await conferenceState(change, { paused: change.paused }, change.paused ? 'pause' : 'resume');
}

/** `*5` (C-5): the join and leave tones (C-2) on or off. */
export async function setJoinLeaveTones(change: ConferenceChange & { on: boolean }): Promise<void> {
  await conferenceState(change, { joinLeaveTones: change.on }, change.on ? 'tones-on' : 'tones-off');
}

/**
 * Who is talking (L-1). The media server reports it many times a second; the caller coalesces
 * and hands over only the last value of each participant, written in one statement per value.
 */
export async function setTalking(tenantId: string, conferenceId: string, changes: { participantId: string; talking: boolean }[], at: Date): Promise<void> {
  const byValue = (talking: boolean) => changes.filter((c) => c.talking === talking).map((c) => c.participantId);
  await db().transaction(async (tx) => {
    for (const talking of [true, false]) {
      const ids = byValue(talking);
      if (ids.length === 0) continue;
      const changed = await tx
        .update(participants)
        .set({ talking })
        .where(
          and(eq(participants.tenantId, tenantId), eq(participants.conferenceId, conferenceId), inArray(participants.id, ids), isNull(participants.leftAt)),
        )
        .returning({ id: participants.id });
      for (const row of changed) await participantUpdated(tx, { tenantId, conferenceId, at }, row.id);
    }
  });
}

async function conferenceState(
  change: ConferenceChange,
  values: Partial<Pick<typeof conferences.$inferInsert, 'locked' | 'paused' | 'joinLeaveTones'>>,
  action: string,
): Promise<void> {
  await db().transaction(async (tx) => {
    const [state] = await tx
      .update(conferences)
      .set(values)
      .where(and(eq(conferences.tenantId, change.tenantId), eq(conferences.id, change.conferenceId)))
      .returning({ locked: conferences.locked, paused: conferences.paused, joinLeaveTones: conferences.joinLeaveTones });
    if (state) await appendConferenceEvent(tx, { tenantId: change.tenantId, conferenceId: change.conferenceId, kind: 'conference-updated', payload: state, at: change.at });
    await insertAction(tx, { ...change, action, result: 'ok' });
  });
}

/** L-2 dial from the live page: how the callee's phone answers, as the page shows it. */
export async function recordDialProgress(input: {
  tenantId: string;
  conferenceId: string;
  at: Date;
  number: string;
  state: 'ringing' | 'answered' | 'busy' | 'no-answer' | 'failed';
  participantId?: string;
}): Promise<void> {
  const { tenantId, conferenceId, at, ...payload } = input;
  await appendConferenceEvent(db(), { tenantId, conferenceId, participantId: input.participantId ?? null, kind: 'dial-progress', payload, at });
}

function participantUpdated(tx: Tx, change: Pick<ConferenceChange, 'tenantId' | 'conferenceId' | 'at'>, participantId: string): Promise<void> {
  return appendParticipantEvent(tx, { tenantId: change.tenantId, conferenceId: change.conferenceId, participantId, kind: 'participant-updated', at: change.at });
}

function participantOf(change: ConferenceChange, participantId: string) {
  return and(eq(participants.tenantId, change.tenantId), eq(participants.conferenceId, change.conferenceId), eq(participants.id, participantId));
}

/**
 * The log line goes in only for a conference of that tenant, about one of its participants; a
 * foreign id changes nothing and answers like a missing one (T-1), rolling back the change.
 */
async function insertAction(tx: Tx, line: ActionLine): Promise<void> {
  const participantId = line.participantId ?? null;
  const inserted = await tx.execute(sql`
    insert into conference_actions (tenant_id, conference_id, at, action, participant_id, by_kind, by_id, result)
    select c.tenant_id, c.id, ${line.at.toISOString()}::timestamptz, ${line.action}, ${participantId}::uuid, ${line.by.kind}, ${line.by.id}, ${line.result}
    from conferences c
    where c.id = ${line.conferenceId}::uuid and c.tenant_id = ${line.tenantId}::uuid
      and (${participantId}::uuid is null
        or exists (select 1 from participants p where p.id = ${participantId}::uuid and p.conference_id = c.id))
    returning id`);
  if (inserted.length === 0) throw new NotFoundError('Conference');
  await appendConferenceEvent(tx, {
    tenantId: line.tenantId,
    conferenceId: line.conferenceId,
    participantId,
    kind: 'action',
    payload: { at: line.at.toISOString(), action: line.action, participantId, by: line.by, result: line.result },
    at: line.at,
  });
}
