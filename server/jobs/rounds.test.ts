import { describe, expect, it } from 'vitest';
import { serialRounds } from './rounds';

function controlledWork() {
  const started: (() => void)[] = [];
  const work = () => new Promise<void>((finish) => started.push(finish));
  return { started, work };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('serialRounds (worker)', () => {
  it('never runs two rounds at once, and runs one more when asked during a round', async () => {
    const { started, work } = controlledWork();
    const rounds = serialRounds(work);
    void rounds.request();
    void rounds.request();
    void rounds.request();
    expect(started).toHaveLength(1);
    started[0]();
    await tick();
    expect(started).toHaveLength(2);
    started[1]();
    await tick();
    expect(started).toHaveLength(2);
  });

  it('starts nothing after close, and close waits for the round in progress', async () => {
    const { started, work } = controlledWork();
    const rounds = serialRounds(work);
    void rounds.request();
    void rounds.request();
    let closed = false;
    const closing = rounds.close().then(() => (closed = true));
    await tick();
    expect(closed).toBe(false);
    started[0]();
    await closing;
    void rounds.request();
    expect(started).toHaveLength(1);
  });
});
