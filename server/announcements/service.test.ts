import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { resetEnvCache } from '@/server/lib/env';
import { toneWav } from '@/test/audio';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { announcementAudio, deleteAnnouncement, getAnnouncement, saveAnnouncement, storeRecordedAnnouncement, tenantAnnouncement } from './service';

useTestDatabase();

let root: string;
let a: SeededTenant;
let b: SeededTenant;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'announcements-'));
  process.env.STORAGE_DIR = root;
  resetEnvCache();
  [a, b] = await Promise.all([seedTenant('A'), seedTenant('B')]);
});

const files = (tenantId: string) => (existsSync(path.join(root, tenantId)) ? readdirSync(path.join(root, tenantId)) : []);
const now = new Date('2026-12-05T08:00:00Z');

describe('T-2 welcome announcement, stored in the tenant storage', () => {
  it('stores an upload as 8 kHz mono WAV under the tenant, replaces it, and deletes the file with it', async () => {
    const saved = await saveAnnouncement(a.admin.actor, toneWav({ seconds: 3 }), now);
    expect(saved).toMatchObject({ durationMs: 3000, source: 'upload', updatedAt: now.toISOString() });
    expect(await getAnnouncement(a.admin.actor)).toEqual(saved);
    const audio = await announcementAudio(a.admin.actor);
    expect(new wavefile.WaveFile(audio!).fmt).toMatchObject({ sampleRate: 8000, numChannels: 1, bitsPerSample: 16 });
    expect(saved.sizeBytes).toBe(audio!.byteLength);
    const [first] = files(a.tenantId);
    expect(first).toMatch(/^announcement-[0-9a-f-]{36}\.wav$/);

    await saveAnnouncement(a.admin.actor, toneWav({ seconds: 1, channels: 1 }), now);
    expect(files(a.tenantId)).toHaveLength(1);
    expect(files(a.tenantId)[0]).not.toBe(first);

    await deleteAnnouncement(a.admin.actor);
    expect(files(a.tenantId)).toEqual([]);
    expect(await getAnnouncement(a.admin.actor)).toBeNull();
    expect(await announcementAudio(a.admin.actor)).toBeNull();
    // Deleting what is not there is no error.
    await deleteAnnouncement(a.admin.actor);
  });

  it('refuses what is not audio or too long on the field `file`, and stores nothing', async () => {
    await expect(saveAnnouncement(a.admin.actor, new TextEncoder().encode('not audio'), now)).rejects.toMatchObject({ status: 400, issues: [{ field: 'file', code: 'announcement.notAudio' }] });
    await expect(saveAnnouncement(a.admin.actor, toneWav({ seconds: 61, rate: 8000, channels: 1 }), now)).rejects.toMatchObject({ issues: [{ field: 'file', code: 'announcement.tooLong' }] });
    expect(files(a.tenantId)).toEqual([]);
    expect(await getAnnouncement(a.admin.actor)).toBeNull();
  });

  it('keeps tenants apart (T-1) and leaves it to admins (T-3)', async () => {
    await saveAnnouncement(a.admin.actor, toneWav({ seconds: 2 }), now);
    expect(await getAnnouncement(b.admin.actor)).toBeNull();
    expect(await announcementAudio(b.admin.actor)).toBeNull();
    await deleteAnnouncement(b.admin.actor);
    expect(await getAnnouncement(a.admin.actor)).not.toBeNull();
    await expect(saveAnnouncement(a.subscriber.actor, toneWav({ seconds: 1 }), now)).rejects.toMatchObject({ status: 403 });
    await expect(deleteAnnouncement(a.subscriber.actor)).rejects.toMatchObject({ status: 403 });
    await expect(announcementAudio(a.subscriber.actor)).rejects.toMatchObject({ status: 403 });
  });

  it('gives the call flows the file, and stores a phone recording like an upload', async () => {
    const recorded = await storeRecordedAnnouncement(b.tenantId, toneWav({ seconds: 4, rate: 8000, channels: 1 }), now);
    expect(recorded).toMatchObject({ durationMs: 4000, source: 'phone' });
    const found = await tenantAnnouncement(b.tenantId);
    expect(found?.key).toBe(files(b.tenantId)[0]);
    expect((await found!.audio())?.byteLength).toBe(recorded.sizeBytes);
    expect(await tenantAnnouncement('00000000-0000-0000-0000-000000000000')).toBeNull();
  });
});
