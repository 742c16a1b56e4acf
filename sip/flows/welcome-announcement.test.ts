import { existsSync, readdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeRecordedAnnouncement } from '@/server/announcements/service';
import { db } from '@/server/db/client';
import { tenantAnnouncements } from '@/server/db/schema';
import { resetEnvCache } from '@/server/lib/env';
import { toneWav } from '@/test/audio';
import { useTestDatabase } from '@/test/database';
import { Simulator } from '../telephony/sim/simulator';
import { seedRoom, seedTenant } from '../testing/fixtures';

useTestDatabase();

const start = new Date('2026-03-02T09:00:00Z');
let storageDir: string;
let mediaDir: string;
beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'storage-'));
  mediaDir = await mkdtemp(path.join(tmpdir(), 'media-'));
  process.env.STORAGE_DIR = storageDir;
  resetEnvCache();
});

async function announcingTenant(roomNumber: string) {
  const tenant = await seedTenant();
  await seedRoom(tenant, { roomNumber, startsAt: start, pin: '123456' });
  const saved = await storeRecordedAnnouncement(tenant.tenantId, toneWav({ seconds: 2, rate: 8000, channels: 1 }), start);
  return { tenant, saved };
}

const call = (portalNumber: string, dtmf: string) => ({ dialled: portalNumber, from: { user: '+33612345678', host: 'carrier.example.com' }, dtmf, stayMs: 1000 });

describe('T-2 welcome announcement at the portal', () => {
  it('plays the tenant announcement, copied into the folder the media server reads, before the room number', async () => {
    const { tenant } = await announcingTenant('6601');
    const sim = new Simulator({ at: start, mediaDir });
    const { outcome, sim: placed } = await sim.run(call(tenant.portalNumber, '6601#123456#'));
    expect(outcome.decision).toBe('admitted');
    expect(placed.leg!.heard.slice(0, 3)).toEqual(['tenant-welcome', 'enter-room-number', 'enter-pin']);
    const copies = readdirSync(path.join(mediaDir, 'announcements', tenant.tenantId));
    expect(copies).toEqual(readdirSync(path.join(storageDir, tenant.tenantId)));
    expect(copies[0]).toMatch(/^announcement-[0-9a-f-]{36}\.wav$/);
  });

  it('removes the copy at the first call after the announcement was deleted', async () => {
    const { tenant } = await announcingTenant('6605');
    await new Simulator({ at: start, mediaDir }).run(call(tenant.portalNumber, '6605#123456#'));
    expect(existsSync(path.join(mediaDir, 'announcements', tenant.tenantId))).toBe(true);
    await db().delete(tenantAnnouncements).where(eq(tenantAnnouncements.tenantId, tenant.tenantId));
    const { sim } = await new Simulator({ at: start, mediaDir }).run(call(tenant.portalNumber, '6605#123456#'));
    expect(sim.leg!.heard[0]).toBe('welcome');
    expect(existsSync(path.join(mediaDir, 'announcements', tenant.tenantId))).toBe(false);
  });

  it('plays the standard welcome to the tenants without one', async () => {
    const tenant = await seedTenant();
    await seedRoom(tenant, { roomNumber: '6602', startsAt: start, pin: null });
    const { sim } = await new Simulator({ at: start, mediaDir }).run(call(tenant.portalNumber, '6602#'));
    expect(sim.leg!.heard.slice(0, 2)).toEqual(['welcome', 'enter-room-number']);
  });

  it('falls back to the standard welcome when the file is gone from the storage: the call goes on', async () => {
    const { tenant } = await announcingTenant('6603');
    await rm(path.join(storageDir, tenant.tenantId), { recursive: true });
    const { outcome, sim } = await new Simulator({ at: start, mediaDir: await mkdtemp(path.join(tmpdir(), 'media-')) }).run(call(tenant.portalNumber, '6603#123456#'));
    expect(outcome.decision).toBe('admitted');
    expect(sim.leg!.heard.slice(0, 2)).toEqual(['welcome', 'enter-room-number']);
  });

  it('goes on to the room number when the media server cannot play the file', async () => {
    const { tenant } = await announcingTenant('6604');
    const { outcome, sim } = await new Simulator({ at: start, mediaDir, missingPrompts: ['tenant-welcome'] }).run(call(tenant.portalNumber, '6604#123456#'));
    expect(outcome.decision).toBe('admitted');
    expect(sim.leg!.heard.slice(0, 2)).toEqual(['enter-room-number', 'enter-pin']);
  });
});
