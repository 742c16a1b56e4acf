import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { pinAttempts } from '@/server/db/schema';
import { useTestDatabase } from '@/test/database';
import { Simulator } from '../telephony/sim/simulator';
import { heardInside, isMutedInMix, mediaOf, roomCallers } from '../testing/callers';
import { conferenceRecords, seedRoom, seedTenant } from '../testing/fixtures';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let roomSeq = 6000;

beforeAll(async () => {
  tenant = await seedTenant();
});

/** A fresh room per scenario (wrong PINs of one must not throttle another), with its callers. */
async function room(moderatorPin: string | null = '999999') {
  const roomNumber = String(++roomSeq);
  const row = await seedRoom(tenant, { roomNumber, startsAt: start, pin: '111111', moderatorPin });
  return { row, ...roomCallers(tenant, roomNumber, '111111') };
}

const keys = (...presses: [number, string][]) => presses.map(([ms, typed]) => ({ at: at(ms), keys: typed }));
const legOf = <T extends { callerNumber: string | null }>(legs: T[], number: string) => legs.find((l) => l.callerNumber === number)!;

describe('keypad for everyone (C-4)', () => {
  it('*2 mutes and unmutes oneself, tells only that caller, and stores each change as it happens', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN }));
    await host.outcome;
    const caller = sim.place(participant('+33611111111', { stayMs: 5 * MIN, keys: keys([MIN, '*2'], [2 * MIN, '*2']) }));
    const { conferenceId } = await caller.outcome;

    await sim.clock.sleep(90_000);
    const during = await sim.clock.hold(conferenceRecords(conferenceId!));
    expect(legOf(during.legs, '+33611111111').muted).toBe(true);
    expect(isMutedInMix(sim, caller.sim.leg)).toBe(true);
    await sim.clock.sleep(MIN);
    expect(isMutedInMix(sim, caller.sim.leg)).toBe(false);
    await sim.settled();

    expect(heardInside(caller.sim.leg)).toEqual(['join-tone', 'you-are-muted', 'you-are-unmuted']);
    expect(heardInside(host.sim.leg)).toEqual(['music', 'join-tone', 'leave-tone', 'busy-tone']);
    const { legs, actions } = await conferenceRecords(conferenceId!);
    const me = legOf(legs, '+33611111111');
    expect(me.muted).toBe(false);
    expect(actions.map((a) => [a.action, a.byKind, a.byId, a.participantId, a.result, a.at.getTime() - start.getTime()])).toEqual([
      ['mute', 'keypad', me.id, me.id, 'ok', MIN + 300],
      ['unmute', 'keypad', me.id, me.id, 'ok', 2 * MIN + 300],
    ]);
  });

  it('*8 raises and lowers a hand: a tone to the moderators, the answer to the caller, the state stored', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN }));
    await host.outcome;
    const caller = sim.place(participant('+33622222222', { stayMs: 5 * MIN, keys: keys([MIN, '*8'], [2 * MIN, '*8']) }));
    const { conferenceId } = await caller.outcome;
    await sim.clock.sleep(90_000);
    expect(legOf((await sim.clock.hold(conferenceRecords(conferenceId!))).legs, '+33622222222').handRaised).toBe(true);
    await sim.settled();

    expect(heardInside(caller.sim.leg)).toEqual(['join-tone', 'hand-raised', 'hand-lowered']);
    expect(heardInside(host.sim.leg)).toEqual(['music', 'join-tone', 'hand-tone', 'leave-tone', 'busy-tone']);
    const { legs, actions } = await conferenceRecords(conferenceId!);
    expect(legOf(legs, '+33622222222').handRaised).toBe(false);
    expect(actions.map((a) => a.action)).toEqual(['raise-hand', 'lower-hand']);
  });

  it('** and *# give the help of what this caller may use: the short one to participants, the full one to moderators', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN, keys: keys([2 * MIN, '*#']) }));
    await host.outcome;
    const caller = sim.place(participant('+33633333333', { stayMs: 5 * MIN, keys: keys([MIN, '**'], [3 * MIN, '*#']) }));
    const { conferenceId } = await caller.outcome;
    await sim.settled();
    expect(heardInside(caller.sim.leg)).toEqual(['join-tone', 'help-participant', 'help-participant']);
    expect(heardInside(host.sim.leg)).toContain('help-moderator');
    const { actions } = await conferenceRecords(conferenceId!);
    expect(actions.map((a) => [a.action, a.result])).toEqual([
      ['help', 'ok'],
      ['help', 'ok'],
      ['help', 'ok'],
    ]);
  });

  it('*9 + the moderator PIN + # makes the caller a moderator, whose moderator keys then work', async () => {
    const { organizer, participant } = await room('999999');
    const sim = new Simulator({ at: at(0) });
    await sim.place(organizer({ stayMs: 10 * MIN })).outcome;
    const caller = sim.place(participant('+33644444444', { stayMs: 5 * MIN, keys: keys([MIN, '*9999999#'], [2 * MIN, '*1']) }));
    const { conferenceId } = await caller.outcome;
    await sim.settled();
    expect(heardInside(caller.sim.leg)).toEqual(['join-tone', 'enter-moderator-pin', 'you-are-moderator', 'count-there-are', 'number-2', 'count-participants']);
    const { legs, actions } = await conferenceRecords(conferenceId!);
    const me = legOf(legs, '+33644444444');
    expect(me.role).toBe('moderator');
    expect(actions.map((a) => [a.action, a.byId, a.result])).toEqual([
      ['role-moderator', me.id, 'ok'],
      ['count', me.id, 'ok'],
    ]);
  });

  it('refuses a wrong moderator PIN, counts it towards the PIN throttle (D-5), and stops asking after three', async () => {
    const { row, organizer, participant } = await room('999999');
    const sim = new Simulator({ at: at(0) });
    await sim.place(organizer({ stayMs: 10 * MIN })).outcome;
    const guesses = keys([MIN, '*9123456#'], [2 * MIN, '*9#'], [3 * MIN, '*9222222#'], [4 * MIN, '*9333333#'], [5 * MIN, '*9999999#']);
    const caller = sim.place(participant('+33655555555', { stayMs: 6 * MIN, keys: guesses }));
    const { conferenceId } = await caller.outcome;
    await sim.settled();
    expect(heardInside(caller.sim.leg)).toEqual([
      'join-tone',
      'enter-moderator-pin',
      'invalid-moderator-pin',
      // An empty entry is no guess.
      'enter-moderator-pin',
      'enter-moderator-pin',
      'invalid-moderator-pin',
      'enter-moderator-pin',
      'invalid-moderator-pin',
      'moderator-pin-blocked',
      // Even the right PIN is not taken any more in this call.
      'moderator-pin-blocked',
    ]);
    const { legs, actions } = await conferenceRecords(conferenceId!);
    expect(legOf(legs, '+33655555555').role).toBe('participant');
    expect(actions.map((a) => a.result)).toEqual(['wrong-pin', 'cancelled', 'wrong-pin', 'wrong-pin', 'blocked']);
    const attempts = await db().select().from(pinAttempts).where(and(eq(pinAttempts.roomId, row.id), eq(pinAttempts.tenantId, tenant.tenantId)));
    expect(attempts.map((a) => a.callerNumber)).toEqual(['+33655555555', '+33655555555', '+33655555555']);
  });

  it('*9 tells a moderator they already are one, and a room without moderator PIN that it has none at once', async () => {
    const withPin = await room('999999');
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(withPin.organizer({ stayMs: 2 * MIN, keys: keys([MIN, '*9']) }));
    await sim.settled();
    expect(heardInside(host.sim.leg)).toContain('already-moderator');
    expect(heardInside(host.sim.leg)).not.toContain('enter-moderator-pin');

    const noPin = await room(null);
    const sim2 = new Simulator({ at: at(0) });
    const caller = sim2.place(noPin.participant('+33666666666', { stayMs: 2 * MIN, keys: keys([MIN, '*9']) }));
    await sim2.settled();
    expect(heardInside(caller.sim.leg)).toEqual(['music', 'no-moderator-pin']);
  });
});

describe('moderator keypad (C-5)', () => {
  it('refuses every moderator command to a participant with "moderators only", changing nothing', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    await sim.place(organizer({ stayMs: 20 * MIN })).outcome;
    const commands = ['*1', '*3', '*4', '*5', '*6', '*7', '*0'];
    const caller = sim.place(participant('+33611111111', { stayMs: 10 * MIN, keys: keys(...commands.map((c, i): [number, string] => [(i + 1) * MIN, c])) }));
    const { conferenceId } = await caller.outcome;
    await sim.settled();
    expect(heardInside(caller.sim.leg)).toEqual(['join-tone', ...commands.map(() => 'moderators-only')]);
    const { conference, legs, actions } = await conferenceRecords(conferenceId!);
    expect(conference).toMatchObject({ locked: false, paused: false, joinLeaveTones: true, endReason: 'last-participant' });
    expect(legs.every((l) => !l.muted)).toBe(true);
    expect(actions.map((a) => [a.action, a.result])).toEqual(
      ['count', 'mute-all', 'pause', 'tones', 'lock', 'record', 'end'].map((action) => [action, 'denied']),
    );
  });

  it('*1 says how many are in: "only you" alone, then "there are N participants"', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN, keys: keys([30_000, '*1'], [2 * MIN, '*1']) }));
    await host.outcome;
    await sim.clock.sleep(MIN);
    await sim.place(participant('+33611111111', { stayMs: 5 * MIN })).outcome;
    await sim.place(participant('+33622222222', { stayMs: 5 * MIN })).outcome;
    await sim.settled();
    expect(heardInside(host.sim.leg).slice(0, 6)).toEqual(['music', 'count-only-you', 'join-tone', 'join-tone', 'count-there-are', 'number-3']);
    expect(heardInside(host.sim.leg)[6]).toBe('count-participants');
  });

  it('*3 mutes every participant who can speak (never the moderators), then gives them all the word back', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN, keys: keys([2 * MIN, '*3'], [3 * MIN, '*3']) }));
    await host.outcome;
    const one = sim.place(participant('+33611111111', { stayMs: 5 * MIN, keys: keys([MIN, '*2']) }));
    const two = sim.place(participant('+33622222222', { stayMs: 5 * MIN }));
    const { conferenceId } = await one.outcome;
    await two.outcome;

    await sim.clock.sleep(2.5 * MIN);
    expect([isMutedInMix(sim, one.sim.leg), isMutedInMix(sim, two.sim.leg), isMutedInMix(sim, host.sim.leg)]).toEqual([true, true, false]);
    const during = await sim.clock.hold(conferenceRecords(conferenceId!));
    expect(during.legs.map((l) => [l.role, l.muted])).toEqual([
      ['organizer', false],
      ['participant', true],
      ['participant', true],
    ]);
    await sim.settled();

    expect(heardInside(one.sim.leg).filter((p) => p.includes('muted'))).toEqual(['you-are-muted', 'you-are-unmuted']);
    expect(heardInside(two.sim.leg).filter((p) => p.includes('muted'))).toEqual(['you-are-muted', 'you-are-unmuted']);
    expect(heardInside(host.sim.leg).filter((p) => p.includes('muted'))).toEqual(['participants-muted', 'participants-unmuted']);
    const { actions } = await conferenceRecords(conferenceId!);
    expect(actions.map((a) => [a.action, a.participantId])).toEqual([
      ['mute', legOf(during.legs, '+33611111111').id],
      ['mute-all', null],
      ['unmute-all', null],
    ]);
  });

  it('*4 pauses: music for everyone and nobody heard, moderators included; again resumes as before', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN, keys: keys([MIN, '*4'], [3 * MIN, '*4']) }));
    await host.outcome;
    const caller = sim.place(participant('+33611111111', { stayMs: 5 * MIN }));
    const { conferenceId } = await caller.outcome;

    await sim.clock.sleep(2 * MIN);
    expect([isMutedInMix(sim, host.sim.leg), isMutedInMix(sim, caller.sim.leg)]).toEqual([true, true]);
    const during = await sim.clock.hold(conferenceRecords(conferenceId!));
    expect(during.conference.paused).toBe(true);
    // A pause is not the caller's own choice: the stored microphone state stays theirs.
    expect(during.legs.map((l) => l.muted)).toEqual([false, false]);
    await sim.clock.sleep(1.5 * MIN);
    expect([isMutedInMix(sim, host.sim.leg), isMutedInMix(sim, caller.sim.leg)]).toEqual([false, false]);
    await sim.settled();

    expect(heardInside(caller.sim.leg)).toEqual(['join-tone', 'conference-paused', 'music', 'conference-resumed']);
    expect(mediaOf(sim, caller.sim.leg).log.slice(0, 7)).toEqual(['music:on', 'music:off', 'join-tone', 'conference-paused', 'music:on', 'music:off', 'conference-resumed']);
    const { conference, actions } = await conferenceRecords(conferenceId!);
    expect(conference.paused).toBe(false);
    expect(actions.map((a) => a.action)).toEqual(['pause', 'resume']);
  });

  it('*5 turns the join and leave tones off and on again (C-2)', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN, keys: keys([MIN, '*5'], [4 * MIN, '*5']) }));
    await host.outcome;
    const first = sim.place(participant('+33611111111', { stayMs: 8 * MIN }));
    const { conferenceId } = await first.outcome;
    await sim.clock.sleep(2 * MIN);
    expect((await sim.clock.hold(conferenceRecords(conferenceId!))).conference.joinLeaveTones).toBe(false);
    await sim.place(participant('+33622222222', { stayMs: MIN })).outcome;
    await sim.clock.sleep(2.5 * MIN);
    await sim.place(participant('+33633333333', { stayMs: MIN })).outcome;
    await sim.settled();
    expect(heardInside(host.sim.leg).slice(0, 4)).toEqual(['music', 'join-tone', 'join-leave-tones-off', 'join-leave-tones-on']);
    // No tone for the caller who came and went while they were off; tones again for the next one.
    expect(heardInside(first.sim.leg).slice(0, 3)).toEqual(['join-tone', 'join-tone', 'leave-tone']);
    expect((await conferenceRecords(conferenceId!)).conference.joinLeaveTones).toBe(true);
  });

  it('*6 locks the conference for new callers (D-4, C-6) and unlocks it, telling everyone', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 10 * MIN, keys: keys([MIN, '*6'], [3 * MIN, '*6']) }));
    const { conferenceId } = await host.outcome;
    const inside = sim.place(participant('+33611111111', { stayMs: 8 * MIN }));
    await inside.outcome;
    await sim.clock.sleep(2 * MIN);
    expect((await sim.clock.hold(conferenceRecords(conferenceId!))).conference.locked).toBe(true);
    const refused = await sim.place(participant('+33622222222')).outcome;
    expect(refused).toMatchObject({ decision: 'refused', reason: 'locked', conferenceId });
    await sim.clock.sleep(2 * MIN);
    const admitted = await sim.place(participant('+33633333333', { stayMs: MIN })).outcome;
    expect(admitted).toMatchObject({ decision: 'admitted', conferenceId });
    await sim.settled();
    expect(heardInside(inside.sim.leg).slice(0, 3)).toEqual(['join-tone', 'conference-locked', 'conference-unlocked']);
    const { conference, actions } = await conferenceRecords(conferenceId!);
    expect(conference.locked).toBe(false);
    expect(actions.map((a) => a.action)).toEqual(['lock', 'unlock']);
  });

  it('*7 toggles recording (REC-1): everyone hears it start and stop (announceRecording)', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 5 * MIN, keys: keys([MIN, '*7'], [2 * MIN, '*7']) }));
    await host.outcome;
    const caller = sim.place(participant('+33611111111', { stayMs: 3 * MIN }));
    const { conferenceId } = await caller.outcome;
    await sim.settled();
    expect(heardInside(host.sim.leg)).toEqual(['music', 'join-tone', 'recording-started', 'recording-stopped', 'leave-tone', 'busy-tone']);
    expect(heardInside(caller.sim.leg)).toEqual(['join-tone', 'recording-started', 'recording-stopped']);
    const { actions } = await conferenceRecords(conferenceId!);
    expect(actions.map((a) => [a.action, a.result])).toEqual([
      ['record', 'ok'],
      ['stop-record', 'ok'],
    ]);
  });

  it('*0 ends the conference for everyone: a goodbye, every call hung up, the records closed as ended by the moderator', async () => {
    const { organizer, participant } = await room();
    const sim = new Simulator({ at: at(0) });
    const host = sim.place(organizer({ stayMs: 30 * MIN, keys: keys([2 * MIN, '*0']) }));
    await host.outcome;
    const one = sim.place(participant('+33611111111', { stayMs: 30 * MIN }));
    const two = sim.place(participant('+33622222222', { stayMs: 30 * MIN }));
    const { conferenceId } = await one.outcome;
    await two.outcome;
    await sim.settled();
    const endedAt = at(2 * MIN + 300);
    for (const call of [host, one, two]) {
      expect(heardInside(call.sim.leg).slice(-2)).toEqual(['conference-ended-by-moderator', 'goodbye']);
      expect(call.sim.leg!.endedBy).toBe('bridge');
      expect(call.sim.leg!.endedAt).toEqual(endedAt);
    }
    const { conference, legs, actions } = await conferenceRecords(conferenceId!);
    expect(conference).toMatchObject({ endReason: 'ended-by-moderator', endedAt });
    expect(legs.map((l) => l.endReason)).toEqual(['ended-by-moderator', 'ended-by-moderator', 'ended-by-moderator']);
    expect(actions.map((a) => [a.action, a.byKind, a.result])).toEqual([['end', 'keypad', 'ok']]);
  });
});
