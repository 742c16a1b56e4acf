import { beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@/server/db/schema';
import { useTestDatabase } from '@/test/database';
import { callServices, type CallServices } from '../services';
import { Simulator } from '../telephony/sim/simulator';
import { heardInside, isMutedInMix, mediaOf, roomCallers } from '../testing/callers';
import { conferenceRecords, seedRoom, seedTenant } from '../testing/fixtures';
import { TALKING_FLUSH_MS } from './talking';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let roomSeq = 7000;

beforeAll(async () => {
  tenant = await seedTenant();
});

type Options = Partial<Pick<Room, 'enterMuted' | 'waitForModerator' | 'endWhenLastModeratorLeaves' | 'announceJoinLeave' | 'announceRecording' | 'recordFromStart' | 'maxParticipants'>>;

async function room(options: Options) {
  const roomNumber = String(++roomSeq);
  await seedRoom(tenant, { roomNumber, startsAt: start, pin: '111111', ...options });
  return roomCallers(tenant, roomNumber, '111111');
}

describe('room options inside the conference (C-7, C-2, D-4)', () => {
  it('enterMuted: participants enter muted and are told how to speak; moderators do not', async () => {
    const { organizer, participant } = await room({ enterMuted: true });
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN }));
    await host.outcome;
    const caller = sim.place(participant('+33611111111', { stayMs: 5 * MIN, keys: [{ at: at(2 * MIN), keys: '*2' }] }));
    const { conferenceId } = await caller.outcome;
    expect([isMutedInMix(sim, host.sim.leg), isMutedInMix(sim, caller.sim.leg)]).toEqual([false, true]);
    const during = await sim.clock.hold(conferenceRecords(conferenceId!));
    expect(during.legs.map((l) => [l.role, l.muted])).toEqual([
      ['organizer', false],
      ['participant', true],
    ]);
    await sim.settled();
    expect(heardInside(caller.sim.leg)).toEqual(['entered-muted', 'join-tone', 'you-are-unmuted']);
    expect(heardInside(host.sim.leg)).not.toContain('entered-muted');
  });

  it('waitForModerator: music and nobody heard until the first moderator comes, then everyone bridged; no drop while waiting', async () => {
    const { organizer, participant } = await room({ waitForModerator: true });
    const sim = new Simulator({ at: at(0) });
    const one = sim.place(participant('+33611111111', { stayMs: 2 * MIN }));
    const { conferenceId } = await one.outcome;
    const two = sim.place(participant('+33622222222', { stayMs: 20 * MIN }));
    await two.outcome;
    expect([isMutedInMix(sim, one.sim.leg), isMutedInMix(sim, two.sim.leg)]).toEqual([true, true]);

    await sim.clock.sleep(3 * MIN);
    // The first one left while both waited: the other keeps waiting, not dropped after a busy tone (C-3).
    expect(two.sim.leg!.active).toBe(true);
    const host = sim.place(organizer({ stayMs: 5 * MIN }));
    await host.outcome;
    expect([isMutedInMix(sim, two.sim.leg), isMutedInMix(sim, host.sim.leg)]).toEqual([false, false]);
    await sim.clock.sleep(MIN);
    const three = sim.place(participant('+33633333333', { stayMs: 10 * MIN }));
    await three.outcome;
    await sim.clock.sleep(5 * MIN);
    // The organizer has left; without endWhenLastModeratorLeaves the conference goes on, bridged.
    expect([two.sim.leg!.active, three.sim.leg!.active]).toEqual([true, true]);
    expect([isMutedInMix(sim, two.sim.leg), isMutedInMix(sim, three.sim.leg)]).toEqual([false, false]);
    await sim.settled();

    expect(heardInside(one.sim.leg)).toEqual(['waiting-for-moderator', 'music']);
    expect(heardInside(two.sim.leg).slice(0, 5)).toEqual(['waiting-for-moderator', 'music', 'join-tone', 'join-tone', 'leave-tone']);
    expect(heardInside(three.sim.leg)[0]).toBe('join-tone');
    expect(mediaOf(sim, two.sim.leg).log.slice(0, 3)).toEqual(['music:on', 'music:off', 'join-tone']);
    const { conference } = await conferenceRecords(conferenceId!);
    expect(conference.endReason).toBe('last-participant');
  });

  it('waitForModerator: a participant who types the moderator PIN (*9) ends the wait', async () => {
    const roomNumber = String(++roomSeq);
    await seedRoom(tenant, { roomNumber, startsAt: start, pin: '111111', moderatorPin: '999999', waitForModerator: true });
    const { participant } = roomCallers(tenant, roomNumber, '111111');
    const sim = new Simulator({ at: at(0) });
    const one = sim.place(participant('+33611111111', { stayMs: 10 * MIN }));
    await one.outcome;
    const two = sim.place(participant('+33622222222', { stayMs: 10 * MIN, keys: [{ at: at(MIN), keys: '*9999999#' }] }));
    await two.outcome;
    await sim.clock.sleep(2 * MIN);
    expect([isMutedInMix(sim, one.sim.leg), isMutedInMix(sim, two.sim.leg)]).toEqual([false, false]);
    await sim.settled();
    expect(heardInside(two.sim.leg).slice(0, 5)).toEqual(['waiting-for-moderator', 'music', 'enter-moderator-pin', 'join-tone', 'you-are-moderator']);
  });

  it('endWhenLastModeratorLeaves: when the last moderator hangs up, everyone hears why and the conference ends', async () => {
    const { organizer, participant } = await room({ endWhenLastModeratorLeaves: true });
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 2 * MIN }));
    const { conferenceId } = await host.outcome;
    const one = sim.place(participant('+33611111111', { stayMs: 30 * MIN }));
    const two = sim.place(participant('+33622222222', { stayMs: 30 * MIN }));
    await one.outcome;
    await two.outcome;
    await sim.settled();
    for (const call of [one, two]) {
      expect(heardInside(call.sim.leg).slice(-2)).toEqual(['moderator-left-conference-over', 'goodbye']);
      expect(call.sim.leg!.endedBy).toBe('bridge');
      expect(call.sim.leg!.endedAt).toEqual(at(2 * MIN));
    }
    const { conference, legs } = await conferenceRecords(conferenceId!);
    expect(conference.endReason).toBe('last-moderator-left');
    expect(legs.map((l) => l.endReason)).toEqual(['hangup', 'last-moderator-left', 'last-moderator-left']);
  });

  it('announceJoinLeave off: no tone when callers come and go (C-2), stored as the conference starting state', async () => {
    const { participant } = await room({ announceJoinLeave: false });
    const sim = new Simulator({ at: at(0) });
    const one = sim.place(participant('+33611111111', { stayMs: 10 * MIN }));
    const { conferenceId } = await one.outcome;
    await sim.place(participant('+33622222222', { stayMs: 2 * MIN })).outcome;
    await sim.place(participant('+33633333333', { stayMs: 3 * MIN })).outcome;
    await sim.settled();
    expect(mediaOf(sim, one.sim.leg).log).toEqual(['music:on', 'music:off', 'busy-tone']);
    expect((await conferenceRecords(conferenceId!)).conference.joinLeaveTones).toBe(false);
  });

  it('maxParticipants: a caller beyond the limit is refused with a prompt, reason full', async () => {
    const { organizer, participant } = await room({ maxParticipants: 2 });
    const sim = new Simulator({ at: at(0) });
    const { conferenceId } = await sim.place(organizer({ stayMs: 10 * MIN })).outcome;
    await sim.place(participant('+33611111111', { stayMs: 10 * MIN })).outcome;
    const third = sim.place(participant('+33622222222'));
    expect(await third.outcome).toMatchObject({ decision: 'refused', reason: 'full', conferenceId });
    expect(third.sim.leg!.heard.slice(-2)).toEqual(['room-full', 'goodbye']);
    await sim.settled();
    expect((await conferenceRecords(conferenceId!)).legs).toHaveLength(2);
  });

  it('maxParticipants holds for callers arriving at the same instant', async () => {
    const { participant } = await room({ maxParticipants: 3 });
    const sim = new Simulator({ at: at(0) });
    const calls = ['+33611111111', '+33622222222', '+33633333333', '+33644444444', '+33655555555'].map((n) => sim.place(participant(n, { stayMs: MIN })));
    const outcomes = await Promise.all(calls.map((c) => c.outcome));
    expect(outcomes.filter((o) => o.decision === 'admitted')).toHaveLength(3);
    expect(outcomes.filter((o) => o.reason === 'full')).toHaveLength(2);
    await sim.settled();
  });

  it('announceRecording: everyone is told when recording starts and stops, and a caller joining meanwhile before entering', async () => {
    const { organizer, participant } = await room({ announceRecording: true, recordFromStart: true });
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN }));
    await host.outcome;
    const first = sim.place(participant('+33622222222', { stayMs: 5 * MIN }));
    await first.outcome;
    const late = sim.place(participant('+33611111111', { stayMs: 2 * MIN }));
    await late.outcome;
    const [conference] = await sim.deps.conferences.running();
    await sim.clock.hold(conference.setRecording(false, { kind: 'keypad', id: 'test' }));
    await sim.settled();
    expect(heardInside(host.sim.leg).slice(0, 5)).toEqual(['music', 'recording-started', 'join-tone', 'join-tone', 'recording-stopped']);
    expect(heardInside(late.sim.leg).slice(0, 3)).toEqual(['recording-in-progress', 'join-tone', 'recording-stopped']);
  });

  it('announceRecording off: nobody is told', async () => {
    const { organizer, participant } = await room({ announceRecording: false, recordFromStart: true });
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN }));
    await host.outcome;
    const late = sim.place(participant('+33611111111', { stayMs: 2 * MIN }));
    await late.outcome;
    await sim.settled();
    expect([...heardInside(host.sim.leg), ...heardInside(late.sim.leg)].filter((p) => p.startsWith('recording'))).toEqual([]);
  });
});

describe('talking (L-1)', () => {
  it('stores who talks, coalescing the bursts the media server sends into few writes; a muted voice is not reported', async () => {
    const { organizer, participant } = await room({});
    let writes = 0;
    const services: CallServices = {
      ...callServices,
      setTalking: (...args) => {
        writes++;
        return callServices.setTalking(...args);
      },
    };
    const sim = new Simulator({ at: at(0), services });
    const host = sim.place(organizer({ stayMs: 10 * MIN }));
    const { conferenceId } = await host.outcome;
    const caller = sim.place(participant('+33611111111', { stayMs: 10 * MIN, keys: [{ at: at(2 * MIN), keys: '*2' }] }));
    await caller.outcome;
    const media = mediaOf(sim, host.sim.leg);
    const hostId = media.memberOf(host.sim.leg!)!;
    const callerId = media.memberOf(caller.sim.leg!)!;

    await sim.clock.sleep(MIN);
    // Forty flips within 100 ms of virtual time, ending on "talking".
    for (let i = 0; i < 40; i++) media.talk(hostId, i % 2 === 1);
    media.talk(callerId, true);
    await sim.clock.sleep(4 * TALKING_FLUSH_MS);
    const talking = await sim.clock.hold(conferenceRecords(conferenceId!));
    expect(talking.legs.map((l) => l.talking)).toEqual([true, true]);
    expect(writes).toBe(1);

    media.talk(callerId, false);
    await sim.clock.sleep(2 * MIN);
    // Muted (*2 at 2 min): its voice no longer reaches the mix.
    media.talk(callerId, true);
    await sim.clock.sleep(4 * TALKING_FLUSH_MS);
    const quiet = await sim.clock.hold(conferenceRecords(conferenceId!));
    expect(quiet.legs.map((l) => l.talking)).toEqual([true, false]);
    await sim.settled();
    // The organizer was talking when it hung up: its row does not say it still is.
    expect((await conferenceRecords(conferenceId!)).legs.map((l) => l.talking)).toEqual([false, false]);
  });
});
