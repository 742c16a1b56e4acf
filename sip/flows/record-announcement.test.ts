import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeRecordedAnnouncement, tenantAnnouncement } from '@/server/announcements/service';
import { db } from '@/server/db/client';
import { tenantAnnouncements } from '@/server/db/schema';
import { createUser } from '@/server/users/service';
import { toneWav } from '@/test/audio';
import { useTestDatabase } from '@/test/database';
import { eq } from 'drizzle-orm';
import { Simulator } from '../telephony/sim/simulator';
import { seedRoom, seedTenant } from '../testing/fixtures';

useTestDatabase();

const start = new Date('2026-03-02T09:00:00Z');
let mediaDir: string;
beforeAll(async () => {
  mediaDir = await mkdtemp(path.join(tmpdir(), 'media-'));
});

/** A tenant whose admin holds extension 300 (the fixtures' 201 and 23456 are subscribers'). */
async function tenantWithAdminPhone() {
  const tenant = await seedTenant();
  await createUser(tenant.tenantId, { email: `boss-${tenant.tenantId}@example.net`, password: 'correct horse battery', role: 'admin', extension: '300', name: 'Bea Boss' });
  return tenant;
}

const star73 = (tenant: { sipDomain: string }, script: object, user = '300') => ({ dialled: '*73', from: { user, host: tenant.sipDomain }, ...script });
const stored = async (tenantId: string) => (await db().select().from(tenantAnnouncements).where(eq(tenantAnnouncements.tenantId, tenantId)))[0];

describe('T-2 *73: the welcome announcement recorded by phone', () => {
  it('records after the tone, plays it back, keeps it on 1; callers at the portal then hear it', async () => {
    const tenant = await tenantWithAdminPhone();
    const sim = new Simulator({ at: start, mediaDir });
    const { outcome, sim: call } = await sim.run(star73(tenant, { dtmf: '#1', speakMs: 4000 }));
    expect(outcome).toEqual({ tenantId: tenant.tenantId, decision: 'admitted', announcement: 'saved' });
    expect(call.leg!.heard).toEqual([
      'record-announcement',
      'record-tone',
      'announcement-review',
      'recorded-announcement',
      'announcement-keep-or-retry',
      'announcement-saved',
      'goodbye',
    ]);
    expect(call.leg!.endedBy).toBe('bridge');
    expect(await stored(tenant.tenantId)).toMatchObject({ source: 'phone', durationMs: 4000 });
    // The raw recording does not outlive the call; the stored one is the tenant's object.
    expect(readdirSync(path.join(mediaDir, 'recordings', tenant.tenantId))).toEqual([]);

    await seedRoom(tenant, { roomNumber: '6611', startsAt: start, pin: null });
    const portal = await new Simulator({ at: start, mediaDir }).run({ dialled: tenant.portalNumber, from: { user: '+33612345678', host: 'carrier.example.com' }, dtmf: '6611#', stayMs: 1000 });
    expect(portal.sim.leg!.heard.slice(0, 2)).toEqual(['tenant-welcome', 'enter-room-number']);
  });

  it('records again on 2, and keeps the second take', async () => {
    const tenant = await tenantWithAdminPhone();
    const { outcome, sim } = await new Simulator({ at: start, mediaDir }).run(star73(tenant, { dtmf: '#2#1', speakMs: 2500 }));
    expect(outcome.announcement).toBe('saved');
    expect(sim.leg!.heard.filter((id) => id === 'recorded-announcement')).toHaveLength(2);
    expect(await stored(tenant.tenantId)).toMatchObject({ durationMs: 2500 });
  });

  it('keeps the current announcement when nothing is said, or when the caller hangs up before choosing', async () => {
    const tenant = await tenantWithAdminPhone();
    const before = await storeRecordedAnnouncement(tenant.tenantId, toneWav({ seconds: 1, rate: 8000, channels: 1 }), start);
    const silent = await new Simulator({ at: start, mediaDir }).run(star73(tenant, { dtmf: '###', speakMs: 0 }));
    expect(silent.outcome).toMatchObject({ decision: 'refused', announcement: 'not-saved' });
    expect(silent.sim.leg!.heard.filter((id) => id === 'announcement-empty')).toHaveLength(3);
    expect(silent.sim.leg!.heard.slice(-2)).toEqual(['announcement-not-saved', 'goodbye']);

    const gone = await new Simulator({ at: start, mediaDir }).run(star73(tenant, { dtmf: '#', speakMs: 3000, hangupAt: new Date(start.getTime() + 5000) }));
    expect(gone.outcome.announcement).toBe('not-saved');
    expect(await stored(tenant.tenantId)).toMatchObject({ durationMs: before.durationMs, updatedAt: start });
    expect((await tenantAnnouncement(tenant.tenantId))?.key).toBeDefined();
  });

  it('still works when the media server lacks the new prompts: a beep asks for the choice', async () => {
    const tenant = await tenantWithAdminPhone();
    const sim = new Simulator({ at: start, mediaDir, missingPrompts: ['record-announcement', 'announcement-review', 'announcement-keep-or-retry', 'announcement-saved'] });
    const { outcome, sim: call } = await sim.run(star73(tenant, { dtmf: '#1' }));
    expect(outcome.announcement).toBe('saved');
    expect(call.leg!.heard).toEqual(['record-tone', 'recorded-announcement', 'entry-tone', 'goodbye']);
  });

  it("is refused to extensions that are not an admin's (403) and to strangers (404) (T-3)", async () => {
    const tenant = await tenantWithAdminPhone();
    const subscriber = await new Simulator({ at: start, mediaDir }).run(star73(tenant, { dtmf: '#1' }, '201'));
    expect(subscriber.outcome).toEqual({ decision: 'refused', reason: 'not-admin', tenantId: tenant.tenantId });
    expect(subscriber.sim.refusedWith).toBe(403);
    const stranger = await new Simulator({ at: start, mediaDir }).run({ dialled: '*73', from: { user: '300', host: 'elsewhere.example.org' } });
    expect(stranger.sim.refusedWith).toBe(404);
    expect(existsSync(path.join(mediaDir, 'recordings', tenant.tenantId))).toBe(false);
    expect(await stored(tenant.tenantId)).toBeUndefined();
  });
});
