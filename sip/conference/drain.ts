import type { CallClock } from '../telephony/port';
import type { ConferenceRegistry } from './registry';

const POLL_MS = 1_000;

/**
 * SIGTERM: conferences in progress may end by themselves until the grace period is over; the
 * rest are ended then, records first. Returns how many had to be ended.
 */
export async function drainConferences(registry: ConferenceRegistry, clock: CallClock, graceMs: number): Promise<number> {
  const deadline = clock.now().getTime() + graceMs;
  while ((await registry.running()).length > 0 && clock.now().getTime() < deadline) await clock.sleep(POLL_MS);
  const remaining = await registry.running();
  await Promise.all(remaining.map((conference) => conference.close('shutdown')));
  return remaining.length;
}
