import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { recordingLinks, recordings, type Recording } from '@/server/db/schema';
import { env } from '@/server/lib/env';
import type { Executor } from '@/server/notifications/tx';
import { storage } from '@/server/storage/storage';
import type { RecordingLinkView } from './schemas';

/**
 * REC-2 links: a random token (256 bits) is the permission; only its SHA-256 is stored, so the
 * database alone gives nobody a working link. Kept apart from access.ts: the report email makes
 * links while the conference closes, below the history queries.
 */
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Also used by the report email (inside the transaction that closes the conference): the same kind of link, for its recipients. */
export async function linkFor(recording: Pick<Recording, 'id' | 'tenantId'>, ttlSeconds: number, now: Date, executor: Executor = db()): Promise<RecordingLinkView> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await executor.insert(recordingLinks).values({ tenantId: recording.tenantId, recordingId: recording.id, tokenHash: hashOf(token), expiresAt, createdAt: now });
  return { url: new URL(`/api/recordings/${token}`, env().APP_URL).toString(), expiresAt: expiresAt.toISOString() };
}

/** What following a link gives: the MP3, a wait while it is still recorded or encoded, or nothing (404). */
export type LinkAnswer = { kind: 'audio'; mp3: Uint8Array } | { kind: 'preparing' } | null;

/**
 * Nothing once the link expired or its recording is deleted, failed or gone; "preparing" while
 * the recording is written or encoded (a report email opened at once after the conference), as
 * the link will work in a moment, which a 404 would wrongly deny.
 */
export async function followRecordingLink(token: string, now: Date): Promise<LinkAnswer> {
  if (!TOKEN.test(token)) return null;
  const [row] = await db()
    .select({ tenantId: recordings.tenantId, objectKey: recordings.objectKey, state: recordings.state })
    .from(recordingLinks)
    .innerJoin(recordings, and(eq(recordings.id, recordingLinks.recordingId), eq(recordings.tenantId, recordingLinks.tenantId)))
    .where(and(eq(recordingLinks.tokenHash, hashOf(token)), gt(recordingLinks.expiresAt, now)));
  if (row?.state === 'ready' && row.objectKey) {
    const mp3 = await storage().get(row.tenantId, row.objectKey);
    return mp3 ? { kind: 'audio', mp3 } : null;
  }
  if (row?.state === 'recording' || row?.state === 'encoding') return { kind: 'preparing' };
  return null;
}

/** The MP3 behind a link, or null. */
export async function recordingByLink(token: string, now: Date): Promise<Uint8Array | null> {
  const answer = await followRecordingLink(token, now);
  return answer?.kind === 'audio' ? answer.mp3 : null;
}

/** Links expired for a day are of no use to anyone (the day's grace keeps a link just opened from vanishing mid-read). */
export async function forgetExpiredLinks(now: Date): Promise<void> {
  await db().delete(recordingLinks).where(lt(recordingLinks.expiresAt, new Date(now.getTime() - 86_400_000)));
}
