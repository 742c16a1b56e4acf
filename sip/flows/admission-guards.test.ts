import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { pinAttempts } from '@/server/db/schema';
import { useTestDatabase } from '@/test/database';
import { Simulator } from '../telephony/sim/simulator';
import { conferenceRecords, seedRoom, seedTenant } from '../testing/fixtures';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describe('anonymous callers (D-2)', () => {
  let strict: Awaited<ReturnType<typeof seedTenant>>;
  let open: Awaited<ReturnType<typeof seedTenant>>;
  beforeAll(async () => {
    strict = await seedTenant({ rejectAnonymous: true });
    open = await seedTenant({ rejectAnonymous: false });
    await seedRoom(strict, { roomNumber: '4711', startsAt: start });
    await seedRoom(open, { roomNumber: '4711', startsAt: start });
  });

  it.each([
    ['no number', { user: null, host: 'carrier.example.com' }, null],
    ['"anonymous" in From', { user: 'anonymous', host: 'anonymous.invalid' }, null],
    ['Privacy: id', { user: '+33612345678', host: 'carrier.example.com' }, 'id'],
    ['Privacy: user;header', { user: '+33612345678', host: 'carrier.example.com' }, 'user;header'],
    ['a From user that is no number', { user: 'bob<script>', host: 'carrier.example.com' }, null],
  ])('refuses a caller with %s with 403 before answering when the tenant rejects anonymous calls', async (_, from, privacy) => {
    const { outcome, sim } = await new Simulator({ at: at(0) }).run({ dialled: strict.portalNumber, from, privacy, dtmf: '4711#123456#' });
    expect(outcome).toEqual({ decision: 'refused', reason: 'anonymous', tenantId: strict.tenantId });
    expect(sim).toMatchObject({ refusedWith: 403, leg: null });
  });

  it('trusts a P-Asserted-Identity number when From is anonymous and privacy is none', async () => {
    const { outcome } = await new Simulator({ at: at(0) }).run({
      dialled: strict.portalNumber,
      from: { user: 'anonymous', host: 'carrier.example.com' },
      assertedIdentity: { user: '+33612345678', host: 'carrier.example.com' },
      privacy: 'none',
      dtmf: '4711#123456#',
    });
    expect(outcome.decision).toBe('admitted');
    expect((await conferenceRecords(outcome.conferenceId!)).legs[0].callerNumber).toBe('+33612345678');
  });

  it('admits the hidden caller of a tenant that accepts them, recording the number as hidden', async () => {
    const { outcome } = await new Simulator({ at: at(0) }).run({
      dialled: open.portalNumber,
      from: { user: '+33612345678', host: 'carrier.example.com' },
      privacy: 'id',
      dtmf: '4711#123456#',
    });
    expect(outcome.decision).toBe('admitted');
    expect((await conferenceRecords(outcome.conferenceId!)).legs[0].callerNumber).toBeNull();
  });
});

describe('PIN throttle (D-5)', () => {
  it('locks PIN entry for the room for ten minutes after more than ten wrong PINs in ten minutes', async () => {
    const tenant = await seedTenant();
    const room = await seedRoom(tenant, { roomNumber: '8080', startsAt: start, durationMinutes: 120, pin: '424242' });
    const guess = (when: number, dtmf: string) =>
      new Simulator({ at: at(when) }).run({ dialled: tenant.portalNumber, from: { user: '+33799999999', host: 'c.example' }, dtmf });

    for (let call = 0; call < 3; call++) await guess(call * MIN, '8080#1001#1002#1003#');
    await guess(3 * MIN, '8080#00001#00002#');
    const attempts = await db().select().from(pinAttempts).where(eq(pinAttempts.roomId, room.id));
    expect(attempts).toHaveLength(11);
    expect(new Set(attempts.map((a) => a.callerNumber))).toEqual(new Set(['+33799999999']));
    const eleventh = Math.max(...attempts.map((a) => a.attemptedAt.getTime())) - start.getTime();

    const locked = await guess(eleventh + 1000, '8080#424242#');
    expect(locked.outcome).toMatchObject({ decision: 'refused', reason: 'throttled', roomId: room.id });
    expect(locked.sim.leg!.heard).toEqual(['welcome', 'enter-room-number', 'room-unavailable', 'goodbye']);

    const stillLocked = await guess(eleventh + 10 * MIN - 1000, '8080#424242#');
    expect(stillLocked.outcome.reason).toBe('throttled');
    const later = await guess(eleventh + 10 * MIN, '8080#424242#');
    expect(later.outcome.decision).toBe('admitted');
  });

  it('keeps other rooms of the tenant open while one is locked', async () => {
    const tenant = await seedTenant();
    const target = await seedRoom(tenant, { roomNumber: '9090', startsAt: start, pin: '1357' });
    await seedRoom(tenant, { roomNumber: '9191', startsAt: start, pin: '1357' });
    await db()
      .insert(pinAttempts)
      .values(Array.from({ length: 11 }, (_, i) => ({ tenantId: tenant.tenantId, roomId: target.id, callerNumber: null, attemptedAt: at(i * 1000) })));
    const sim = new Simulator({ at: at(MIN) });
    const call = (room: string) => sim.run({ dialled: tenant.portalNumber, from: { user: '0612', host: 'c.example' }, dtmf: `${room}#1357#` });
    expect((await call('9090')).outcome.reason).toBe('throttled');
    expect((await call('9191')).outcome.decision).toBe('admitted');
  });
});
