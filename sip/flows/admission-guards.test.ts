import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { roomGuessingLock } from '@/server/admission/room-entry';
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

describe('PIN and room-number guessing (D-5)', () => {
  const guesser = { user: '+33799999999', host: 'c.example' };

  async function guessingRoom(roomNumber: string) {
    const tenant = await seedTenant();
    const room = await seedRoom(tenant, { roomNumber, startsAt: start, durationMinutes: 180, pin: '424242' });
    return { tenant, room };
  }
  const attemptsOf = async (tenantId: string) => db().select().from(pinAttempts).where(eq(pinAttempts.tenantId, tenantId));

  it("locks the guessing caller for ten minutes after more than ten wrong PINs, while others with the right PIN get in, the organizer's extension too", async () => {
    const { tenant, room } = await guessingRoom('8080');
    const call = (when: number, from: { user: string; host: string }, dtmf: string) => new Simulator({ at: at(when) }).run({ dialled: tenant.portalNumber, from, dtmf });

    for (let i = 0; i < 3; i++) await call(i * MIN, guesser, '8080#1001#1002#1003#');
    await call(3 * MIN, guesser, '8080#00001#00002#');
    const attempts = await attemptsOf(tenant.tenantId);
    expect(attempts).toHaveLength(11);
    expect(new Set(attempts.map((a) => [a.callerNumber, a.kind, a.roomId].join()))).toEqual(new Set([`+33799999999,pin,${room.id}`]));
    const eleventh = Math.max(...attempts.map((a) => a.attemptedAt.getTime())) - start.getTime();

    const locked = await call(eleventh + 1000, guesser, '8080#424242#');
    expect(locked.outcome).toMatchObject({ decision: 'refused', reason: 'throttled' });
    expect(locked.sim.leg!.heard).toEqual(['welcome', 'enter-room-number', 'room-unavailable', 'goodbye']);
    expect((await call(eleventh + 1000, { user: '+33611111111', host: 'c.example' }, '8080#424242#')).outcome.decision).toBe('admitted');
    expect((await call(eleventh + 1000, { user: '201', host: tenant.sipDomain }, '8080#424242#')).outcome.decision).toBe('admitted');

    expect((await call(eleventh + 10 * MIN - 1000, guesser, '8080#424242#')).outcome.reason).toBe('throttled');
    expect((await call(eleventh + 10 * MIN, guesser, '8080#424242#')).outcome.decision).toBe('admitted');
    expect(await attemptsOf(tenant.tenantId)).toHaveLength(11);
  });

  it('counts unknown room numbers against the caller, whatever the room', async () => {
    const { tenant } = await guessingRoom('8181');
    const call = (dtmf: string) => new Simulator({ at: at(MIN) }).run({ dialled: tenant.portalNumber, from: guesser, dtmf });
    for (let i = 0; i < 3; i++) await call('1000#1001#1002#');
    await call('1003#1004#');
    expect((await attemptsOf(tenant.tenantId)).map((a) => [a.kind, a.roomId, a.callerNumber])).toEqual(Array(11).fill(['room-number', null, '+33799999999']));
    const refused = await call('8181#424242#');
    expect(refused.outcome).toMatchObject({ decision: 'refused', reason: 'throttled' });
    expect(refused.outcome.roomId).toBeUndefined();
  });

  it('puts hidden-number callers in one bucket per tenant: their guessing locks hidden callers only', async () => {
    const { tenant } = await guessingRoom('8282');
    const hidden = { from: { user: '+33612345678', host: 'c.example' }, privacy: 'id' };
    const call = (more: object, dtmf: string) => new Simulator({ at: at(MIN) }).run({ dialled: tenant.portalNumber, from: guesser, dtmf, ...more });
    for (let i = 0; i < 3; i++) await call(hidden, '8282#1#2#3#');
    await call(hidden, '8282#4#5#');
    expect((await attemptsOf(tenant.tenantId)).every((a) => a.callerNumber === null)).toBe(true);
    expect((await call({ ...hidden, from: { user: '+33698765432', host: 'other.example' } }, '8282#424242#')).outcome.reason).toBe('throttled');
    expect((await call({}, '8282#424242#')).outcome.decision).toBe('admitted');
  });

  it('locks the whole room only under guessing spread over many callers, and lets the organizer in', async () => {
    const { tenant, room } = await guessingRoom('8383');
    const guess = (i: number) =>
      new Simulator({ at: at(i * 1000) }).run({ dialled: tenant.portalNumber, from: { user: `+3370000${String(i).padStart(4, '0')}`, host: 'c.example' }, dtmf: '8383#1#2#3#' });
    for (let i = 0; i < 10; i++) await guess(i);
    expect(await attemptsOf(tenant.tenantId)).toHaveLength(30);
    expect(await roomGuessingLock(tenant.tenantId, room.id, at(MIN))).toBeNull();
    await guess(10);
    expect(await attemptsOf(tenant.tenantId)).toHaveLength(31);
    const lockedUntil = await roomGuessingLock(tenant.tenantId, room.id, at(MIN));
    expect(lockedUntil!.getTime() - start.getTime()).toBe(10_000 + 10 * MIN);

    const newcomer = await new Simulator({ at: at(MIN) }).run({ dialled: tenant.portalNumber, from: { user: '+33611111111', host: 'c.example' }, dtmf: '8383#424242#' });
    expect(newcomer.outcome).toMatchObject({ decision: 'refused', reason: 'throttled', roomId: room.id });
    const organizer = await new Simulator({ at: at(MIN) }).run({ dialled: '*72', from: { user: '201', host: tenant.sipDomain }, dtmf: '8383#424242#' });
    expect(organizer.outcome.decision).toBe('admitted');
    expect(await roomGuessingLock(tenant.tenantId, room.id, lockedUntil!)).toBeNull();
  });

  it('never gives 20 simultaneous wrong calls of one caller more PIN checks than the limit', async () => {
    const { tenant } = await guessingRoom('8484');
    const sim = new Simulator({ at: at(0) });
    const calls = Array.from({ length: 20 }, () => sim.place({ dialled: tenant.portalNumber, from: guesser, dtmf: '8484#1001#1002#1003#' }));
    const outcomes = await Promise.all(calls.map((c) => c.outcome));
    await sim.settled();
    expect(await attemptsOf(tenant.tenantId)).toHaveLength(11);
    expect(outcomes.filter((o) => o.reason === 'throttled').length).toBeGreaterThanOrEqual(20 - Math.ceil(11 / 3));
  });

  it('never gives 20 simultaneous calls of one caller guessing room numbers more checks than the limit', async () => {
    const { tenant } = await guessingRoom('8686');
    const sim = new Simulator({ at: at(0) });
    const calls = Array.from({ length: 20 }, (_, i) => sim.place({ dialled: tenant.portalNumber, from: guesser, dtmf: `${7000 + i}#${7100 + i}#${7200 + i}#` }));
    await Promise.all(calls.map((c) => c.outcome));
    await sim.settled();
    expect(await attemptsOf(tenant.tenantId)).toHaveLength(11);
  });

  it('never gives 20 simultaneous wrong calls from 20 numbers more PIN checks than the room lock allows', async () => {
    const { tenant } = await guessingRoom('8585');
    const sim = new Simulator({ at: at(0) });
    const calls = Array.from({ length: 20 }, (_, i) =>
      sim.place({ dialled: tenant.portalNumber, from: { user: `+3371000${String(i).padStart(4, '0')}`, host: 'c.example' }, dtmf: '8585#1001#1002#1003#' }),
    );
    await Promise.all(calls.map((c) => c.outcome));
    await sim.settled();
    expect(await attemptsOf(tenant.tenantId)).toHaveLength(31);
  });

  it('keeps other rooms of the tenant open while one is locked', async () => {
    const tenant = await seedTenant();
    const target = await seedRoom(tenant, { roomNumber: '9090', startsAt: start, pin: '1357' });
    await seedRoom(tenant, { roomNumber: '9191', startsAt: start, pin: '1357' });
    await db()
      .insert(pinAttempts)
      .values(Array.from({ length: 31 }, (_, i) => ({ tenantId: tenant.tenantId, roomId: target.id, callerNumber: `+337${i % 5}`, attemptedAt: at(i * 1000) })));
    const sim = new Simulator({ at: at(MIN) });
    const call = (room: string) => sim.run({ dialled: tenant.portalNumber, from: { user: '0612', host: 'c.example' }, dtmf: `${room}#1357#` });
    expect((await call('9090')).outcome.reason).toBe('throttled');
    expect((await call('9191')).outcome.decision).toBe('admitted');
  });
});
