import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { conferences, pinAttempts } from '@/server/db/schema';
import { ValidationError } from '@/server/lib/errors';
import { useTestDatabase } from '@/test/database';
import { seedRoom, seedTenant } from '../../testing/fixtures';
import { simulateCall } from './simulate-call';

useTestDatabase();

const start = new Date('2026-03-02T09:00:00Z');
let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  tenant = await seedTenant();
  await seedRoom(tenant, { roomNumber: '4711', startsAt: start, pin: '123456' });
});

describe('call simulate (API-3)', () => {
  it('prints the decision, the prompts heard and the ids', async () => {
    const result = await simulateCall({ to: tenant.portalNumber, from: '+33612345678', dtmf: '4711#123456#', at: '2026-03-02T10:00:00+01:00' }, new Date());
    expect(result).toMatchObject({ decision: 'admitted', tenantId: tenant.tenantId, prompts: ['welcome', 'enter-room-number', 'enter-pin', 'music'] });
    expect(result.conferenceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('explains a refusal with its reason, using now when --at is not given', async () => {
    const result = await simulateCall({ to: tenant.portalNumber, from: '+33612345678', dtmf: '4711#123456#' }, new Date('2027-01-01T00:00:00Z'));
    expect(result).toMatchObject({ decision: 'refused', reason: 'ended' });
  });

  it('reports each dialled number of an ad-hoc call with --answer', async () => {
    const result = await simulateCall(
      { to: '*71*0123456789*0234567890', from: '201', fromDomain: tenant.sipDomain, answer: ['0123456789=busy'], at: '2026-03-02T10:00:00+01:00' },
      new Date(),
    );
    expect(result.dialOut).toEqual([
      { number: '0123456789', result: 'busy' },
      { number: '0234567890', result: 'answered' },
    ]);
  });

  it.each([
    [{ dtmf: '12a#' }, 'dtmf'],
    [{ answer: ['0123=maybe'] }, 'answer.0'],
    [{ at: 'tomorrow' }, 'at'],
    [{ fromDomain: 'bad domain' }, 'fromDomain'],
  ])('refuses bad options naming them, and records nothing (%o)', async (bad, field) => {
    const before = await db().$count(conferences);
    const attempt = simulateCall({ to: tenant.portalNumber, from: '+33612345678', ...bad }, new Date());
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ field }] });
    expect(await db().$count(conferences)).toBe(before);
  });
});

describe('call simulate and the PIN throttle (D-5, issue 13 contract)', () => {
  const at = '2026-03-02T10:00:00+01:00';

  it("locks the caller whose PINs are wrong (throttled) while another caller with the right PIN is admitted", async () => {
    const guessed = await seedTenant();
    await seedRoom(guessed, { roomNumber: '5150', startsAt: start, pin: '246810' });
    for (let i = 0; i < 4; i++) await simulateCall({ to: guessed.portalNumber, from: '+33700000001', dtmf: '5150#111#222#333#', at }, new Date());
    const locked = await simulateCall({ to: guessed.portalNumber, from: '+33700000001', dtmf: '5150#246810#', at }, new Date());
    expect(locked).toMatchObject({ decision: 'refused', reason: 'throttled' });
    const other = await simulateCall({ to: guessed.portalNumber, from: '+33600000002', dtmf: '5150#246810#', at }, new Date());
    expect(other).toMatchObject({ decision: 'admitted' });
  });

  it('never gives 20 simultaneous wrong calls more PIN checks than the limit', async () => {
    const guessed = await seedTenant();
    const room = await seedRoom(guessed, { roomNumber: '5151', startsAt: start, pin: '246810' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => simulateCall({ to: guessed.portalNumber, from: '+33700000003', dtmf: '5151#111#222#333#', at }, new Date())),
    );
    expect(await db().$count(pinAttempts, eq(pinAttempts.roomId, room.id))).toBe(11);
    expect(results.filter((r) => r.reason === 'throttled').length).toBeGreaterThan(0);
  });
});

