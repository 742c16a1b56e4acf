import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeConference, openConference } from '@/server/conferences/records';
import { db } from '@/server/db/client';
import { conferences, recordings, tenants } from '@/server/db/schema';
import { storage } from '@/server/storage/storage';
import { useTestDatabase } from '@/test/database';
import { readyRecording } from '@/test/recordings';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { deleteExpiredRecordings } from './access';

useTestDatabase();

const DAY = 86_400_000;
const now = new Date('2026-06-01T12:00:00Z');
let acme: SeededTenant;
let brief: SeededTenant;

async function recordedAgo(t: SeededTenant, days: number): Promise<{ conferenceId: string; recordingId: string }> {
  const startedAt = new Date(now.getTime() - days * DAY);
  const conferenceId = await openConference({ tenantId: t.tenantId, kind: 'room', roomId: t.roomIds[0], roomNumber: '6799', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-1', mediaName: `ret-${days}-${t.tenantId}`, startedAt });
  const recordingId = await readyRecording(t.tenantId, conferenceId, 1, startedAt);
  await closeConference(conferenceId, new Date(startedAt.getTime() + 60_000), 'empty');
  return { conferenceId, recordingId };
}

const rowOf = async (id: string) => (await db().select().from(recordings).where(eq(recordings.id, id)))[0];

beforeAll(async () => {
  acme = await seedTenant('Acme');
  brief = await seedTenant('Brief');
  await db().update(tenants).set({ recordingRetentionDays: 7 }).where(eq(tenants.id, brief.tenantId));
});

describe('recording retention (REC-2)', () => {
  it("deletes, as of `now`, the recordings older than their tenant's retention (default 30 days): file and row state, never the conference", async () => {
    const old = await recordedAgo(acme, 31);
    const recent = await recordedAgo(acme, 29);
    const briefOld = await recordedAgo(brief, 8);
    const briefRecent = await recordedAgo(brief, 6);
    const oldKey = (await rowOf(old.recordingId)).objectKey!;

    const deleted = await deleteExpiredRecordings(now);
    expect(deleted.map((d) => d.recordingId).sort()).toEqual([old.recordingId, briefOld.recordingId].sort());
    expect(deleted.find((d) => d.recordingId === old.recordingId)).toMatchObject({ tenantId: acme.tenantId, conferenceId: old.conferenceId });

    expect(await rowOf(old.recordingId)).toMatchObject({ state: 'deleted', deletedAt: now, objectKey: null });
    expect(await storage().get(acme.tenantId, oldKey)).toBeNull();
    for (const kept of [recent, briefRecent]) expect((await rowOf(kept.recordingId)).state).toBe('ready');
    expect(await db().select().from(conferences).where(eq(conferences.id, old.conferenceId))).toHaveLength(1);

    expect(await deleteExpiredRecordings(now)).toEqual([]);
    // Two days later the 29-day-old one is past 30 days, and Brief's 6-day-old one past 7.
    expect((await deleteExpiredRecordings(new Date(now.getTime() + 2 * DAY))).map((d) => d.recordingId).sort()).toEqual([recent.recordingId, briefRecent.recordingId].sort());
  });
});
