import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/test/database';
import { Simulator } from '../telephony/sim/simulator';
import { conferenceRecords, seedRoom, seedTenant } from '../testing/fixtures';
import { endWhatAPreviousRunLeft } from './recovery';
import { mediaNameOf } from './registry';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  tenant = await seedTenant();
  await seedRoom(tenant, { roomNumber: '4711', startsAt: start, pin: null, durationMinutes: 180 });
  await seedRoom(tenant, { roomNumber: '4712', startsAt: start, pin: null, durationMinutes: 180 });
});

const caller = (user: string, room: string, stayMs: number) => ({
  dialled: tenant.portalNumber,
  from: { user, host: 'carrier.example.com' },
  dtmf: `${room}#`,
  stayMs,
});

const recover = (sim: Simulator) =>
  endWhatAPreviousRunLeft({ services: sim.deps.services, telephony: sim.engine, clock: sim.deps.clock, log: pino({ level: 'silent' }), sipInstance: sim.sipInstance });

describe('a sip process killed with callers in its conferences (9.1.3)', () => {
  it('leaves its callers on the line in silence when only the media server is cleared (what the servers do by themselves)', async () => {
    const dead = new Simulator({ at: start, sipInstance: 'sip-1' });
    const call = dead.place(caller('+33611111111', '4711', 60 * MIN));
    const { conferenceId } = await call.outcome;
    dead.kill();
    await dead.engine.clearConference(mediaNameOf(conferenceId!));
    await dead.clock.sleep(MIN);
    expect(call.sim.leg!.active).toBe(true);
    expect(dead.engine.conferences.get(mediaNameOf(conferenceId!))!.destroyed).toBe(true);
  });

  it('on restart, BYEs every caller the previous run left in a conference, closes its records and clears its conferences', async () => {
    const dead = new Simulator({ at: start, sipInstance: 'sip-2' });
    const calls = [caller('+33611111111', '4711', 60 * MIN), caller('+33622222222', '4711', 60 * MIN), caller('+33633333333', '4712', 60 * MIN), caller('+33644444444', '4712', 3 * MIN)].map(
      (c) => dead.place(c),
    );
    const outcomes = await Promise.all(calls.map((c) => c.outcome));
    await dead.clock.sleep(MIN);
    dead.kill();
    // While the process is down, the last caller gives up and hangs up: nobody records it.
    await dead.clock.sleep(5 * MIN);
    expect(calls.map((c) => c.sim.leg!.active)).toEqual([true, true, true, false]);

    const restarted = new Simulator({ engine: dead.engine, sipInstance: 'sip-2' });
    const restartedAt = restarted.clock.now();
    expect(await recover(restarted)).toEqual({ conferences: 2, callersHungUp: 3 });
    await restarted.settled();

    expect(calls.map((c) => c.sim.leg!.endedBy)).toEqual(['bridge', 'bridge', 'bridge', 'caller']);
    expect(calls.slice(0, 3).map((c) => c.sim.leg!.endedAt)).toEqual([restartedAt, restartedAt, restartedAt]);
    for (const id of new Set(outcomes.map((o) => o.conferenceId!))) {
      const { conference, legs } = await conferenceRecords(id);
      expect(conference).toMatchObject({ endReason: 'sip-restart', endedAt: restartedAt });
      expect(legs.every((l) => l.endReason === 'sip-restart')).toBe(true);
      expect(dead.engine.conferences.get(mediaNameOf(id))!.destroyed).toBe(true);
    }
    expect(await recover(restarted)).toEqual({ conferences: 0, callersHungUp: 0 });
  });

  it("leaves another sip instance's conferences and callers alone", async () => {
    const other = new Simulator({ at: start, sipInstance: 'sip-other' });
    const call = other.place(caller('+33655555555', '4711', 60 * MIN));
    const { conferenceId } = await call.outcome;
    const restarted = new Simulator({ engine: other.engine, sipInstance: 'sip-3' });
    expect(await recover(restarted)).toEqual({ conferences: 0, callersHungUp: 0 });
    expect(call.sim.leg!.active).toBe(true);
    expect((await conferenceRecords(conferenceId!)).conference.endedAt).toBeNull();
  });
});
