import type { CallClock } from '../telephony/port';

/** The live page refreshes within a second (L-1); a quarter of it is spent gathering. */
export const TALKING_FLUSH_MS = 250;

export type TalkingChange = { participantId: string; talking: boolean };

/**
 * Coalesces the media server's talking events (several a second per speaker) into at most one
 * database write per quarter second per conference, carrying only the last value of each
 * participant, and nothing when that value is already stored.
 */
export class TalkingRecorder {
  private pending = new Map<string, boolean>();
  private stored = new Map<string, boolean>();
  private flushing = false;

  constructor(
    private readonly clock: CallClock,
    private readonly write: (changes: TalkingChange[]) => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  report(participantId: string, talking: boolean): void {
    this.pending.set(participantId, talking);
    if (this.flushing) return;
    this.flushing = true;
    void this.flushLoop();
  }

  /** A participant who leaves stops talking: its row must not say otherwise. */
  async forget(participantId: string): Promise<void> {
    this.pending.delete(participantId);
    const wasTalking = this.stored.get(participantId) === true;
    this.stored.delete(participantId);
    if (wasTalking) await this.write([{ participantId, talking: false }]).catch(this.onError);
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.size > 0) {
      await this.clock.sleep(TALKING_FLUSH_MS);
      const changes = [...this.pending]
        .filter(([participantId, talking]) => (this.stored.get(participantId) ?? false) !== talking)
        .map(([participantId, talking]) => ({ participantId, talking }));
      this.pending.clear();
      if (changes.length === 0) continue;
      try {
        await this.write(changes);
        for (const c of changes) this.stored.set(c.participantId, c.talking);
      } catch (err) {
        this.onError(err);
      }
    }
    this.flushing = false;
  }
}
