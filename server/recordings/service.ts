import { rm, stat } from 'node:fs/promises';
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { conferences, recordings, type Recording } from '@/server/db/schema';
import { appendConferenceEvent } from '@/server/live/events';
import { NOTIFICATIONS_CHANNEL } from '@/server/notifications/create';
import type { Executor } from '@/server/notifications/tx';
import { newObjectKey, storage } from '@/server/storage/storage';
import { encodeWavFile } from './mp3';

/** A worker that took a recording to encode and died lets it go after this; an hour of audio encodes in seconds. */
export const ENCODING_LEASE_MS = 10 * 60_000;
/**
 * A recording its sip process left running is taken this long after its conference ended:
 * FreeSWITCH flushes up to 4 s of buffered audio and closes the WAV a moment after the
 * conference is cleared (docs/telephony.md, "recording stop answers before the file is complete").
 */
export const ORPHANED_RECORDING_GRACE_MS = 10_000;

export interface RecordingStartedInput {
  tenantId: string;
  conferenceId: string;
  /** The WAV in the shared media folder, as the product's processes see it. */
  wavPath: string;
  startedAt: Date;
}

/**
 * REC-1: the media server records; the row says so from the first instant, so a crash leaves a
 * trace. The live page hears it as the conference's state, `recording: true` (L-1).
 */
export async function recordingStarted(input: RecordingStartedInput): Promise<string> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(recordings)
      .values({ ...input, state: 'recording' })
      .returning({ id: recordings.id });
    await recordingEvent(tx, input.tenantId, input.conferenceId, true, input.startedAt);
    return row.id;
  });
}

/** The WAV is complete: the worker encodes it (nudged at once, as for notifications). */
export async function recordingStopped(tenantId: string, recordingId: string, stoppedAt: Date): Promise<void> {
  await db().transaction(async (tx) => {
    const [stopped] = await tx
      .update(recordings)
      .set({ state: 'encoding', stoppedAt })
      .where(and(eq(recordings.tenantId, tenantId), eq(recordings.id, recordingId), eq(recordings.state, 'recording')))
      .returning({ conferenceId: recordings.conferenceId });
    if (stopped) await recordingEvent(tx, tenantId, stopped.conferenceId, false, stoppedAt);
    await tx.execute(sql`select pg_notify(${NOTIFICATIONS_CHANNEL}, '')`);
  });
}

/** `conference-updated` carries the whole state, as for lock, pause and tones, now with `recording`. */
async function recordingEvent(tx: Executor, tenantId: string, conferenceId: string, recording: boolean, at: Date): Promise<void> {
  const [state] = await tx
    .select({ locked: conferences.locked, paused: conferences.paused, joinLeaveTones: conferences.joinLeaveTones })
    .from(conferences)
    .where(and(eq(conferences.tenantId, tenantId), eq(conferences.id, conferenceId)));
  if (state) await appendConferenceEvent(tx, { tenantId, conferenceId, kind: 'conference-updated', payload: { ...state, recording }, at });
}

export interface FinishReport {
  ready: number;
  failed: number;
}

/**
 * REC-1 "nothing lost": encodes every recording waiting for it, one at a time, each claimed for
 * ENCODING_LEASE_MS so that two workers never encode the same one. Recordings of conferences
 * that ended while they were still `recording` (their sip process died; FreeSWITCH closed the
 * file when the conference ended) are taken too, stopped when their conference ended.
 */
export async function finishRecordings(now: Date): Promise<FinishReport> {
  const orphaned = db()
    .select({ id: conferences.id })
    .from(conferences)
    .where(and(eq(conferences.id, recordings.conferenceId), isNotNull(conferences.endedAt), lt(conferences.endedAt, new Date(now.getTime() - ORPHANED_RECORDING_GRACE_MS))));
  await db()
    .update(recordings)
    .set({ state: 'encoding', stoppedAt: sql`(select ${conferences.endedAt} from ${conferences} where ${conferences.id} = ${recordings.conferenceId})` })
    .where(and(eq(recordings.state, 'recording'), sql`exists (${orphaned})`));
  const report: FinishReport = { ready: 0, failed: 0 };
  for (;;) {
    const recording = await claimOne(now);
    if (!recording) return report;
    report[(await finishOne(recording, now)) ? 'ready' : 'failed']++;
  }
}

async function claimOne(now: Date): Promise<Recording | null> {
  const [row] = await db().transaction(async (tx) => {
    const [next] = await tx
      .select({ id: recordings.id })
      .from(recordings)
      .where(and(eq(recordings.state, 'encoding'), or(isNull(recordings.claimedUntil), lt(recordings.claimedUntil, now))))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next) return [];
    return tx
      .update(recordings)
      .set({ claimedUntil: new Date(now.getTime() + ENCODING_LEASE_MS) })
      .where(eq(recordings.id, next.id))
      .returning();
  });
  return row ?? null;
}

/** The MP3 is stored before the row says ready, and the WAV removed only after: a crash in between is retried. */
async function finishOne(recording: Recording, now: Date): Promise<boolean> {
  if (!recording.wavPath || !(await stat(recording.wavPath).catch(() => null))) return fail(recording, 'the media server wrote no file');
  let encoded;
  try {
    encoded = await encodeWavFile(recording.wavPath);
  } catch (err) {
    return fail(recording, `the file could not be encoded: ${err instanceof Error ? err.message : String(err)}`);
  }
  const objectKey = newObjectKey('recording', 'mp3');
  await storage().put(recording.tenantId, objectKey, encoded.mp3);
  await db().transaction(async (tx) => {
    const [ready] = await tx
      .update(recordings)
      .set({ state: 'ready', objectKey, sizeBytes: encoded.mp3.byteLength, durationSeconds: encoded.durationSeconds, readyAt: now, wavPath: null, claimedUntil: null })
      .where(and(eq(recordings.id, recording.id), eq(recordings.state, 'encoding')))
      .returning();
    // The event in the same transaction as the state, so the recording.ready webhook is never lost nor sent for nothing.
    if (ready) await appendConferenceEvent(tx, { tenantId: ready.tenantId, conferenceId: ready.conferenceId, kind: 'recording-ready', payload: { recording: recordingReadyPayload(ready) }, at: now });
  });
  await rm(recording.wavPath!, { force: true });
  return true;
}

/** What integrators learn of a ready recording; the audio itself through `POST /api/v1/recordings/{id}/link`. */
function recordingReadyPayload(r: Recording) {
  return {
    id: r.id,
    startedAt: r.startedAt.toISOString(),
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
    readyAt: r.readyAt?.toISOString() ?? null,
    durationSeconds: r.durationSeconds,
    sizeBytes: r.sizeBytes,
  };
}

async function fail(recording: Recording, reason: string): Promise<false> {
  await db()
    .update(recordings)
    .set({ state: 'failed', failureReason: reason, claimedUntil: null })
    .where(and(eq(recordings.id, recording.id), eq(recordings.state, 'encoding')));
  return false;
}

/** The recordings of some of a tenant's conferences, oldest first (history, the conference API). */
export async function recordingsOf(tenantId: string, conferenceIds: string[]): Promise<Recording[]> {
  if (conferenceIds.length === 0) return [];
  return db()
    .select()
    .from(recordings)
    .where(and(eq(recordings.tenantId, tenantId), inArray(recordings.conferenceId, conferenceIds)))
    .orderBy(recordings.startedAt);
}
