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
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let room: Awaited<ReturnType<typeof seedRoom>>;

beforeAll(async () => {
  tenant = await seedTenant();
  room = await seedRoom(tenant, { roomNumber: '4711', startsAt: start, durationMinutes: 60, pin: '123456' });
});

const caller = (dtmf: string, more: object = {}) => ({
  dialled: tenant.portalNumber,
  from: { user: '+33612345678', host: 'carrier.example.com' },
  dtmf,
  ...more,
});

describe('portal dial-in (D-1, D-3)', () => {
  it('admits a caller with the right room number and PIN and records the leg (D-1, H-1)', async () => {
    const sim = new Simulator({ at: at(0) });
    const { outcome, sim: call } = await sim.run(caller('4711#123456#', { stayMs: 5 * MIN }));
    expect(outcome).toMatchObject({ decision: 'admitted', tenantId: tenant.tenantId, roomId: room.id });
    expect(call.leg!.heard.slice(0, 4)).toEqual(['welcome', 'enter-room-number', 'enter-pin', 'music']);
    const { conference, legs } = await conferenceRecords(outcome.conferenceId!);
    expect(conference).toMatchObject({ kind: 'room', roomId: room.id, roomNumber: '4711', mediaServer: 'simulator', endReason: 'empty' });
    expect(legs).toHaveLength(1);
    expect(legs[0]).toMatchObject({ callerNumber: '+33612345678', role: 'participant', direction: 'inbound', endReason: 'hangup' });
    expect(legs[0].leftAt!.getTime() - legs[0].joinedAt.getTime()).toBe(5 * MIN);
  });

  it('accepts the portal number as the carrier delivers it without the plus (D-1)', async () => {
    const { outcome } = await new Simulator({ at: at(0) }).run(caller('4711#123456#', { dialled: tenant.portalNumber.slice(1) }));
    expect(outcome.decision).toBe('admitted');
  });

  it('reaches the same portal by *72 from an extension of the tenant, found by its SIP domain (D-1)', async () => {
    const { outcome } = await new Simulator({ at: at(0) }).run({
      dialled: '*72',
      from: { user: '23456', host: tenant.sipDomain },
      dtmf: '4711#123456#',
    });
    expect(outcome).toMatchObject({ decision: 'admitted', tenantId: tenant.tenantId });
  });

  it('refuses *72 from an unknown SIP domain and a number nobody owns with 404 (D-1)', async () => {
    const sim = new Simulator({ at: at(0) });
    const star72 = await sim.run({ dialled: '*72', from: { user: '201', host: 'nobody.example.org' } });
    expect(star72.outcome).toEqual({ decision: 'refused', reason: 'no-tenant' });
    expect(star72.sim.refusedWith).toBe(404);
    const unknown = await sim.run({ dialled: '+33999999999', from: { user: '201', host: 'x.example.org' } });
    expect(unknown.sim).toMatchObject({ refusedWith: 404, leg: null });
  });

  it('lets the organizer extension in as organizer (C-8)', async () => {
    const { outcome } = await new Simulator({ at: at(0) }).run({ dialled: '*72', from: { user: '201', host: tenant.sipDomain }, dtmf: '4711#123456#' });
    const { legs } = await conferenceRecords(outcome.conferenceId!);
    expect(legs[0].role).toBe('organizer');
  });

  it('does not take a caller from outside showing the organizer extension as caller id for the organizer', async () => {
    const { outcome } = await new Simulator({ at: at(0) }).run({ dialled: tenant.portalNumber, from: { user: '201', host: 'carrier.example.com' }, dtmf: '4711#123456#' });
    expect((await conferenceRecords(outcome.conferenceId!)).legs[0].role).toBe('participant');
  });

  it('joins as moderator with the moderator PIN (C-8)', async () => {
    const modRoom = await seedRoom(tenant, { roomNumber: '4712', startsAt: start, pin: '1111', moderatorPin: '9999' });
    const { outcome } = await new Simulator({ at: at(0) }).run(caller('4712#9999#'));
    expect(outcome.roomId).toBe(modRoom.id);
    expect((await conferenceRecords(outcome.conferenceId!)).legs[0].role).toBe('moderator');
  });

  it('skips the PIN prompt for a room without PIN', async () => {
    await seedRoom(tenant, { roomNumber: '4713', startsAt: start, pin: null });
    const { outcome, sim } = await new Simulator({ at: at(0) }).run(caller('4713#'));
    expect(outcome.decision).toBe('admitted');
    expect(sim.leg!.heard).not.toContain('enter-pin');
  });

  it('says goodbye and hangs up after three unknown room numbers; nothing is recorded (D-3)', async () => {
    const { outcome, sim } = await new Simulator({ at: at(0) }).run(caller('1#99999#abc#'));
    expect(outcome).toMatchObject({ decision: 'refused', reason: 'unknown-room' });
    expect(sim.leg!.heard).toEqual([
      'welcome',
      'enter-room-number',
      'invalid-room',
      'enter-room-number',
      'invalid-room',
      'enter-room-number',
      'invalid-room',
      'goodbye',
    ]);
    expect(sim.leg!.endedBy).toBe('bridge');
  });

  it('counts empty entries (the caller types nothing) as wrong, waiting for each timeout (D-3)', async () => {
    const sim = new Simulator({ at: at(0) });
    const { outcome, sim: call } = await sim.run(caller(''));
    expect(outcome.reason).toBe('unknown-room');
    expect(call.leg!.endedAt!.getTime() - at(0).getTime()).toBe(30_000);
  });

  it('refuses after three wrong PINs, storing each with the caller number (D-3, D-5)', async () => {
    const wrongRoom = await seedRoom(tenant, { roomNumber: '4714', startsAt: start, pin: '2468' });
    const { outcome, sim } = await new Simulator({ at: at(0) }).run(caller('4714#1111#2222#3333#'));
    expect(outcome).toMatchObject({ decision: 'refused', reason: 'wrong-pin', roomId: wrongRoom.id });
    expect(sim.leg!.heard.filter((p) => p === 'invalid-pin')).toHaveLength(3);
    expect(sim.leg!.heard.at(-1)).toBe('goodbye');
    const attempts = await db().select().from(pinAttempts).where(eq(pinAttempts.roomId, wrongRoom.id));
    expect(attempts.map((a) => a.callerNumber)).toEqual(['+33612345678', '+33612345678', '+33612345678']);
  });

  it('takes a ten-digit room number and a twelve-digit PIN, each closed by #', async () => {
    await seedRoom(tenant, { roomNumber: '1234567890', startsAt: start, pin: '123456789012' });
    const { outcome, sim } = await new Simulator({ at: at(0) }).run(caller('1234567890#123456789012#'));
    expect(outcome.decision).toBe('admitted');
    expect(sim.leg!.heard).not.toContain('invalid-pin');
  });

  it('admits at the second PIN try', async () => {
    const { outcome } = await new Simulator({ at: at(0) }).run(caller('4711#000000#123456#'));
    expect(outcome.decision).toBe('admitted');
  });
});

describe('window (D-4, R-4)', () => {
  it('refuses before the window with "not open yet", and admits from start minus the early-join minutes', async () => {
    const early = await new Simulator({ at: at(-5 * MIN - 1000) }).run(caller('4711#123456#'));
    expect(early.outcome).toMatchObject({ decision: 'refused', reason: 'not-open', roomId: room.id });
    expect(early.sim.leg!.heard.slice(-2)).toEqual(['room-not-open', 'goodbye']);
    const justInTime = await new Simulator({ at: at(-5 * MIN) }).run(caller('4711#123456#'));
    expect(justInTime.outcome.decision).toBe('admitted');
  });

  it('refuses once the window has closed with "has ended", before asking the PIN', async () => {
    const late = await new Simulator({ at: at(60 * MIN) }).run(caller('4711#123456#'));
    expect(late.outcome).toMatchObject({ decision: 'refused', reason: 'ended' });
    expect(late.sim.leg!.heard).toEqual(['welcome', 'enter-room-number', 'room-ended', 'goodbye']);
  });

  it('keeps a caller who is inside when the window closes (R-4)', async () => {
    const sim = new Simulator({ at: at(55 * MIN) });
    const { outcome } = await sim.run(caller('4711#123456#', { stayMs: 20 * MIN }));
    const { legs } = await conferenceRecords(outcome.conferenceId!);
    expect(legs[0].leftAt!.getTime()).toBe(at(75 * MIN).getTime());
    expect(legs[0].endReason).toBe('hangup');
  });

  it('refuses new callers of a conference the organizer locked with *6, with a prompt (D-4, C-6)', async () => {
    const sim = new Simulator({ at: at(0) });
    const organizer = sim.place({ dialled: '*72', from: { user: '201', host: tenant.sipDomain }, dtmf: '4711#123456#', stayMs: 10 * MIN, keys: [{ at: at(MIN), keys: '*6' }] });
    const { conferenceId } = await organizer.outcome;
    await sim.clock.sleep(2 * MIN);
    const second = sim.place(caller('4711#123456#'));
    expect(await second.outcome).toMatchObject({ decision: 'refused', reason: 'locked', conferenceId });
    expect(second.sim.leg!.heard.slice(-2)).toEqual(['room-locked', 'goodbye']);
    await sim.settled();
  });
});
