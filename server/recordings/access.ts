import { rm } from 'node:fs/promises';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { visibleConferences } from '@/server/conferences/queries';
import { db } from '@/server/db/client';
import { conferences, recordings, tenants, type Recording } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { parseInput } from '@/server/lib/validation';
import { storage } from '@/server/storage/storage';
import { linkFor } from './links';
import { DEFAULT_LINK_TTL_SECONDS, recordingLinkInputSchema, type RecordingLinkInput, type RecordingLinkView } from './schemas';

/** A recording of a conference the actor sees in history (organizer, admins: H-2); 404 otherwise (T-1). */
async function visibleRecording(actor: Actor, recordingId: string): Promise<Recording> {
  if (!isUuid(recordingId)) throw new NotFoundError('Recording');
  const [row] = await db()
    .select({ recording: recordings })
    .from(recordings)
    .innerJoin(conferences, eq(conferences.id, recordings.conferenceId))
    .where(and(eq(recordings.tenantId, actor.tenantId), eq(recordings.id, recordingId), visibleConferences(actor)));
  if (!row) throw new NotFoundError('Recording');
  return row.recording;
}

/** REC-2: an expiring link (default one hour) that serves the MP3 without a session. */
export async function createRecordingLink(actor: Actor, recordingId: string, input: RecordingLinkInput | undefined, now: Date): Promise<RecordingLinkView> {
  // A recording that is not there (or not the actor's) answers 404 whatever the body says.
  const recording = await visibleRecording(actor, recordingId);
  const { ttlSeconds = DEFAULT_LINK_TTL_SECONDS } = parseInput(recordingLinkInputSchema, input ?? {});
  if (recording.state !== 'ready') throw new ConflictError({ field: 'id', code: 'recording.notReady' }, `The recording is ${recording.state}, not ready`);
  return linkFor(recording, ttlSeconds, now);
}

/** REC-2: an admin deletes a recording by hand; its row stays (`deleted`) for history, its links die. */
export async function deleteRecording(actor: Actor, recordingId: string, now: Date): Promise<void> {
  const recording = await visibleRecording(actor, recordingId);
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may delete a recording');
  await removeRecording(recording, now);
}

/** Files first, then the row: a crash in between leaves a row the next deletion finishes. */
export async function removeRecording(recording: Recording, now: Date): Promise<void> {
  if (recording.state === 'deleted') return;
  if (recording.objectKey) await storage().delete(recording.tenantId, recording.objectKey);
  // A failed recording may still have the media server's WAV.
  if (recording.wavPath) await rm(recording.wavPath, { force: true });
  await db()
    .update(recordings)
    .set({ state: 'deleted', deletedAt: now, objectKey: null, wavPath: null })
    .where(and(eq(recordings.tenantId, recording.tenantId), eq(recordings.id, recording.id)));
}

export interface DeletedRecording {
  tenantId: string;
  recordingId: string;
  conferenceId: string;
  startedAt: Date;
}

/**
 * REC-2 retention: recordings (ready or failed) that stopped more than their tenant's
 * recordingRetentionDays before `now` are deleted, file and row (which stays as `deleted`).
 * Recordings still recording or encoding are left alone. Returns what it deleted, for the log.
 */
export async function deleteExpiredRecordings(now: Date): Promise<DeletedRecording[]> {
  const expired = await db()
    .select({ recording: recordings })
    .from(recordings)
    .innerJoin(tenants, eq(tenants.id, recordings.tenantId))
    .where(
      and(
        inArray(recordings.state, ['ready', 'failed']),
        lt(sql`coalesce(${recordings.stoppedAt}, ${recordings.startedAt})`, sql`${now.toISOString()}::timestamptz - make_interval(days => ${tenants.recordingRetentionDays})`),
      ),
    );
  const deleted: DeletedRecording[] = [];
  for (const { recording } of expired) {
    await removeRecording(recording, now);
    deleted.push({ tenantId: recording.tenantId, recordingId: recording.id, conferenceId: recording.conferenceId, startedAt: recording.startedAt });
  }
  return deleted;
}

