import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/test/database';
import { Simulator } from '../telephony/sim/simulator';
import { conferenceRecords, seedRoom, seedTenant } from '../testing/fixtures';
import { drainConferences } from './drain';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  tenant = await seedTenant();
  await seedRoom(tenant, { roomNumber: '1001', startsAt: start, pin: null });
  await seedRoom(tenant, { roomNumber: '1002', startsAt: start, pin: null });
});

describe('draining on SIGTERM', () => {
  it('lets conferences end by themselves within the grace period, then ends the rest and refuses new calls', async () => {
    const sim = new Simulator({ at: start });
    const call = (room: string, stayMs: number) =>
      sim.place({ dialled: tenant.portalNumber, from: { user: '+33611111111', host: 'c.example' }, dtmf: `${room}#`, stayMs });
    const short = await call('1001', 2 * MIN).outcome;
    const long = await call('1002', 60 * MIN).outcome;

    sim.deps.mediaAvailable = () => false;
    const ended = await drainConferences(sim.deps.conferences, sim.clock, 5 * MIN);
    expect(ended).toBe(1);
    expect((await call('1001', MIN).outcome).reason).toBe('media-unavailable');
    await sim.settled();

    expect((await conferenceRecords(short.conferenceId!)).conference.endReason).toBe('empty');
    const { conference, legs } = await conferenceRecords(long.conferenceId!);
    expect(conference.endReason).toBe('shutdown');
    expect(conference.endedAt!.getTime() - start.getTime()).toBeGreaterThanOrEqual(5 * MIN);
    expect(legs[0].endReason).toBe('shutdown');
  });
});
