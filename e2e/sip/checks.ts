/**
 * What each SIPp case expects in the database of the bridge it called: each check answers null
 * when the records are as the case expects, or says what is wrong. (checks.test.ts runs them on
 * records written through the same services the sip process uses.)
 */
import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { conferences, participants, pinAttempts, recordings } from '@/server/db/schema';

type Problem = string | null;

async function legsOfRoom(roomId: string) {
  return db()
    .select({
      conferenceId: participants.conferenceId,
      callerNumber: participants.callerNumber,
      role: participants.role,
      muted: participants.muted,
      joinedAt: participants.joinedAt,
      leftAt: participants.leftAt,
      endReason: participants.endReason,
    })
    .from(participants)
    .innerJoin(conferences, eq(conferences.id, participants.conferenceId))
    .where(eq(conferences.roomId, roomId))
    .orderBy(asc(participants.joinedAt));
}

async function legOf(roomId: string, callerNumber: string) {
  return (await legsOfRoom(roomId)).find((l) => l.callerNumber === callerNumber);
}

const conferenceOf = async (conferenceId: string) => (await db().select().from(conferences).where(eq(conferences.id, conferenceId)))[0];

export async function joined(roomId: string, callerNumber: string): Promise<Problem> {
  return (await legOf(roomId, callerNumber)) ? null : `no participant row for ${callerNumber}`;
}

export async function nobodyJoined(roomId: string): Promise<Problem> {
  const legs = await legsOfRoom(roomId);
  return legs.length === 0 ? null : `${legs.length} caller(s) entered the room`;
}

export async function wrongPinsStored(roomId: string, expected: number): Promise<Problem> {
  const count = await db().$count(pinAttempts, and(eq(pinAttempts.roomId, roomId), eq(pinAttempts.kind, 'pin')));
  return count === expected ? null : `${count} wrong PINs stored, expected ${expected}`;
}

/** C-8: the moderator PIN typed at the PIN prompt joins as moderator. */
export async function joinedAs(roomId: string, callerNumber: string, role: 'participant' | 'moderator' | 'organizer'): Promise<Problem> {
  const leg = await legOf(roomId, callerNumber);
  if (!leg) return `no participant row for ${callerNumber}`;
  return leg.role === role ? null : `${callerNumber} joined as ${leg.role}, expected ${role}`;
}

/** C-4 `*2`, C-7 enter muted: participants.muted as the caller left it. */
export async function mutedState(roomId: string, callerNumber: string, muted: boolean): Promise<Problem> {
  const leg = await legOf(roomId, callerNumber);
  if (!leg) return `no participant row for ${callerNumber}`;
  return leg.muted === muted ? null : `${callerNumber} has muted=${leg.muted}, expected ${muted}`;
}

/** C-5 `*6`, C-6: the conference is locked and the caller who came after was not let in. */
export async function lockedAgainst(roomId: string, moderator: string, refused: string): Promise<Problem> {
  const leg = await legOf(roomId, moderator);
  if (!leg) return `no participant row for ${moderator}`;
  if (!(await conferenceOf(leg.conferenceId)).locked) return 'the conference is not locked';
  return (await legOf(roomId, refused)) ? `${refused} entered the locked conference` : null;
}

/** C-5 `*0`: everyone hung up, the conference ended by the moderator. */
export async function endedByModerator(roomId: string, callers: string[]): Promise<Problem> {
  const legs = await legsOfRoom(roomId);
  const mine = legs.filter((l) => l.callerNumber !== null && callers.includes(l.callerNumber));
  if (mine.length !== callers.length) return `${mine.length} of ${callers.length} callers have a participant row`;
  const conferenceIds = new Set(mine.map((l) => l.conferenceId));
  if (conferenceIds.size !== 1) return `the callers were in ${conferenceIds.size} conferences`;
  const conference = await conferenceOf([...conferenceIds][0]);
  if (conference.endReason !== 'ended-by-moderator') return `the conference ended with ${conference.endReason ?? 'nothing (still open)'}`;
  return mine.every((l) => l.leftAt) ? null : 'a caller is still in the conference';
}

/** C-7: the participant waited in the conference the moderator then joined. */
export async function waitedForModerator(roomId: string, participant: string, moderator: string): Promise<Problem> {
  const [waiting, arriving] = [await legOf(roomId, participant), await legOf(roomId, moderator)];
  if (!waiting || !arriving) return `participant rows: ${participant} ${waiting ? 'yes' : 'no'}, ${moderator} ${arriving ? 'yes' : 'no'}`;
  if (waiting.conferenceId !== arriving.conferenceId) return 'they were not in the same conference';
  if (arriving.role !== 'moderator') return `${moderator} joined as ${arriving.role}`;
  return waiting.joinedAt < arriving.joinedAt ? null : `${participant} did not join before the moderator`;
}

/** A conference that ended and was re-entered at once: two runs, the second with the new caller (9.1.2). */
export async function reEntered(roomId: string, first: string, second: string): Promise<Problem> {
  const [before, after] = [await legOf(roomId, first), await legOf(roomId, second)];
  if (!before || !after) return `participant rows: ${first} ${before ? 'yes' : 'no'}, ${second} ${after ? 'yes' : 'no'}`;
  if (before.conferenceId === after.conferenceId) return 'the second caller joined the first conference: it had not ended';
  const ended = await conferenceOf(before.conferenceId);
  if (!ended.endedAt || ended.endedAt > after.joinedAt) return 'the first conference had not ended when the second caller joined';
  return null;
}

/**
 * REC-1: the room records from the start once two callers are in: one recording of the room's
 * conference, stopped when one caller was left, at least `minSeconds` long, and not failed
 * (`encoding` until the worker has run, then `ready` with an MP3 of about that length).
 */
export async function recordedTogether(roomId: string, minSeconds: number): Promise<Problem> {
  const rows = await db()
    .select({ recording: recordings })
    .from(recordings)
    .innerJoin(conferences, eq(conferences.id, recordings.conferenceId))
    .where(eq(conferences.roomId, roomId));
  if (rows.length !== 1) return `${rows.length} recordings of the room, expected 1`;
  const { state, failureReason, startedAt, stoppedAt, durationSeconds } = rows[0].recording;
  if (state === 'failed') return `the recording failed: ${failureReason}`;
  if (!stoppedAt) return `the recording never stopped (state ${state})`;
  const seconds = (stoppedAt.getTime() - startedAt.getTime()) / 1000;
  if (seconds < minSeconds) return `the recording lasted ${seconds} s, expected at least ${minSeconds} s`;
  if (state === 'ready' && Math.abs((durationSeconds ?? 0) - seconds) > Math.max(1, seconds * 0.1)) return `the MP3 lasts ${durationSeconds} s for ${seconds} s recorded`;
  return null;
}
