import type { Logger } from '@/server/lib/logger';
import type { FsMediaServer } from './types';

/** After a media failure, new calls are refused with 503 for this long before trying again. */
export const SATURATION_COOLDOWN_MS = 30_000;
/** FreeSWITCH reports its idle CPU in heartbeats; below this, new calls would only make it worse. */
const MIN_IDLE_CPU_PERCENT = 5;

/**
 * Decides whether the media server can take a new call. Under overload fsmrf's connect times out
 * (and 4.1.2 then rejects a dialog.destroy() nobody awaits): the process must refuse new calls
 * cleanly and keep the ones it has, not die.
 */
export class MediaHealth {
  private saturatedUntil = 0;

  constructor(
    private readonly ms: Pick<FsMediaServer, 'cpuIdle' | 'connected'>,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  available(): boolean {
    if (this.now() < this.saturatedUntil || !this.ms.connected()) return false;
    return this.ms.cpuIdle === undefined || Number.isNaN(this.ms.cpuIdle) || this.ms.cpuIdle >= MIN_IDLE_CPU_PERCENT;
  }

  saturated(reason: unknown): void {
    if (this.now() >= this.saturatedUntil) this.log.error({ err: reason }, 'media server saturated: refusing new calls with 503');
    this.saturatedUntil = this.now() + SATURATION_COOLDOWN_MS;
  }

  /**
   * fsmrf's connection timeout destroys the half-made dialog without catching the failure; an
   * unhandled rejection would end the process and every call in it.
   */
  guardProcess(target: Pick<NodeJS.Process, 'on'> = process): void {
    target.on('unhandledRejection', (reason) => this.saturated(reason));
  }
}
