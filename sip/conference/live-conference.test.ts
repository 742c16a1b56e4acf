import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/test/database';
import { Simulator } from '../telephony/sim/simulator';
import { conferenceRecords, seedRoom, seedTenant } from '../testing/fixtures';
import { mediaNameOf } from './registry';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  tenant = await seedTenant();
  await seedRoom(tenant, { roomNumber: '4711', startsAt: start, pin: '123456' });
});

const caller = (user: string, stayMs: number) => ({
  dialled: tenant.portalNumber,
  from: { user, host: 'carrier.example.com' },
  dtmf: '4711#123456#',
  stayMs,
});

describe('inside a room conference (C-1..C-3)', () => {
  it('plays music to the first caller until a second joins, a tone on join and leave, then drops the last after a busy tone and 10 s', async () => {
    const sim = new Simulator({ at: start });
    const first = sim.place(caller('+33611111111', 30 * MIN));
    const { conferenceId } = await first.outcome;
    await sim.clock.sleep(2 * MIN);
    const media = sim.engine.conferences.get(mediaNameOf(conferenceId!))!;
    // Alone, the first caller still has the music two minutes later (seen on FreeSWITCH: it was stopped at the join).
    expect(media.log).toEqual(['music:on']);
    const second = sim.place(caller('+33622222222', 5 * MIN));
    await second.outcome;
    await sim.settled();

    // C-1 music until the second joins, C-2 tones, C-3 busy tone for the one left.
    expect(media.log).toEqual(['music:on', 'music:off', 'join-tone', 'leave-tone', 'busy-tone']);
    expect(first.sim.leg!.heard).toEqual(['welcome', 'enter-room-number', 'enter-pin', 'music', 'join-tone', 'leave-tone', 'busy-tone']);
    expect(second.sim.leg!.heard.slice(-2)).toEqual(['enter-pin', 'join-tone']);

    const secondLeftAt = second.sim.leg!.endedAt!.getTime();
    expect(second.sim.leg!.endedBy).toBe('caller');
    expect(first.sim.leg!.endedBy).toBe('bridge');
    expect(first.sim.leg!.endedAt!.getTime() - secondLeftAt).toBe(10_000);

    const { conference, legs } = await conferenceRecords(conferenceId!);
    expect(conference.endReason).toBe('last-participant');
    expect(conference.endedAt!.getTime()).toBe(secondLeftAt + 10_000);
    expect(legs.map((l) => [l.callerNumber, l.endReason])).toEqual([
      ['+33611111111', 'last-participant'],
      ['+33622222222', 'hangup'],
    ]);
    expect(legs[1].joinedAt.getTime() - legs[0].joinedAt.getTime()).toBe(2 * MIN);
  });

  it('keeps the conference going when someone joins during the busy tone', async () => {
    const sim = new Simulator({ at: start });
    const first = sim.place(caller('+33611111111', 30 * MIN));
    await first.outcome;
    const second = sim.place(caller('+33622222222', MIN));
    await second.outcome;
    await sim.clock.sleep(MIN + 5_000);
    const third = sim.place(caller('+33633333333', 10 * MIN));
    const { conferenceId } = await third.outcome;
    await sim.settled();
    expect(conferenceId).toBe((await first.outcome).conferenceId);
    // The third hung up first (at 11 min 5 s); the first one is then alone and dropped 10 s later.
    expect(first.sim.leg!.endedAt!.getTime() - start.getTime()).toBe(11 * MIN + 5_000 + 10_000);
  });

  it('starts a new conference run for the next caller once the room was left empty (H-1)', async () => {
    const sim = new Simulator({ at: start });
    const { outcome: one } = await sim.run(caller('+33611111111', MIN));
    const { outcome: two } = await sim.run(caller('+33611111111', MIN));
    expect(one.conferenceId).not.toBe(two.conferenceId);
    const { conference } = await conferenceRecords(one.conferenceId!);
    expect(conference.endReason).toBe('empty');
  });
});
