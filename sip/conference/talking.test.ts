import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../telephony/sim/clock';
import { TALKING_FLUSH_MS, TalkingRecorder, type TalkingChange } from './talking';

describe('talking coalesced for the live page (L-1)', () => {
  it('writes at most one change per participant every quarter second, and always the last state', async () => {
    const clock = new VirtualClock(new Date('2026-03-02T09:00:00Z'));
    const writes: { at: number; changes: TalkingChange[] }[] = [];
    const recorder = new TalkingRecorder(clock, async (changes) => void writes.push({ at: clock.now().getTime(), changes }), (err) => {
      throw err;
    });
    // Two speakers flapping every 20 ms for two seconds (what FreeSWITCH reports of a lively voice), ending silent.
    for (let ms = 0; ms < 2000; ms += 20) {
      recorder.report('p1', ms % 40 === 0);
      recorder.report('p2', ms % 60 === 0);
      await clock.sleep(20);
    }
    recorder.report('p1', false);
    recorder.report('p2', false);
    await clock.settled();
    const perParticipant = (id: string) => writes.flatMap((w) => w.changes.filter((c) => c.participantId === id).map((c) => ({ at: w.at, talking: c.talking })));
    for (const id of ['p1', 'p2']) {
      const changes = perParticipant(id);
      // At most ~4 a second over the two seconds, never two within the flush period.
      expect(changes.length).toBeLessThanOrEqual(Math.ceil(2000 / TALKING_FLUSH_MS) + 1);
      for (let i = 1; i < changes.length; i++) expect(changes[i].at - changes[i - 1].at).toBeGreaterThanOrEqual(TALKING_FLUSH_MS);
      expect(changes.at(-1)!.talking).toBe(false);
    }
  });

  it('writes nothing when the value stored is already the one reported', async () => {
    const clock = new VirtualClock(new Date('2026-03-02T09:00:00Z'));
    const writes: TalkingChange[][] = [];
    const recorder = new TalkingRecorder(clock, async (changes) => void writes.push(changes), () => {});
    recorder.report('p1', true);
    await clock.settled();
    recorder.report('p1', false);
    recorder.report('p1', true);
    await clock.settled();
    expect(writes).toEqual([[{ participantId: 'p1', talking: true }]]);
  });
});
