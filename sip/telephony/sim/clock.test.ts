import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';

const start = new Date('2026-03-02T09:00:00Z');

describe('VirtualClock', () => {
  it('wakes sleepers in time order, each at its own instant', async () => {
    const clock = new VirtualClock(start);
    const woke: [string, number][] = [];
    const sleeper = (name: string, ms: number) => clock.sleep(ms).then(() => woke.push([name, clock.now().getTime() - start.getTime()]));
    void sleeper('late', 30_000);
    void sleeper('early', 3_000);
    void sleeper('middle', 10_000);
    await clock.settled();
    expect(woke).toEqual([
      ['early', 3_000],
      ['middle', 10_000],
      ['late', 30_000],
    ]);
  });

  it('keeps time still while held work runs, whatever it costs in real time', async () => {
    const clock = new VirtualClock(start);
    let seenDuringWork = 0;
    void clock.sleep(1_000);
    await clock.hold(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          seenDuringWork = clock.now().getTime();
          resolve();
        }, 20),
      ),
    );
    expect(seenDuringWork).toBe(start.getTime());
    await clock.settled();
    expect(clock.now().getTime()).toBe(start.getTime() + 1_000);
  });
});
