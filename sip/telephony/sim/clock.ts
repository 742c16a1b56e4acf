import type { CallClock } from '../port';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/**
 * Virtual time for the simulator. Time jumps to the next timer only when no held work (database
 * calls of the flows) is in flight, so records carry the instant the scenario says, not the
 * speed of the machine.
 */
export class VirtualClock implements CallClock {
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;
  private busy = 0;
  private stepQueued = false;
  private idleWaiters: (() => void)[] = [];

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.current + Math.max(0, ms), seq: this.seq++, fire: resolve });
      this.queueStep();
    });
  }

  /** Keeps time still while `work` runs. */
  async hold<T>(work: Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work;
    } finally {
      this.busy--;
      this.queueStep();
    }
  }

  /** Resolves once nothing is held and no timer is left: the scenario has played out. */
  settled(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.queueStep();
    });
  }

  private queueStep(): void {
    if (this.stepQueued) return;
    this.stepQueued = true;
    // setImmediate runs after pending promise continuations, so code woken by a timer gets
    // to start its held work before time moves again.
    setImmediate(() => {
      this.stepQueued = false;
      this.step();
    });
  }

  private step(): void {
    if (this.busy > 0) return;
    const next = this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq).shift();
    if (!next) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    this.current = Math.max(this.current, next.at);
    next.fire();
    this.queueStep();
  }
}
