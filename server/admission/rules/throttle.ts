/** D-5: more than 10 wrong PINs for one room within 10 minutes lock PIN entry for 10 minutes. */
const PIN_THROTTLE = { maxWrong: 10, windowMs: 10 * 60_000, lockMs: 10 * 60_000 } as const;

/** How far back wrong attempts can matter: a lock may have started up to lockMs ago on a windowMs burst. */
export const PIN_ATTEMPTS_LOOKBACK_MS = PIN_THROTTLE.windowMs + PIN_THROTTLE.lockMs;

/**
 * The end of the lock in force at `now`, or null. A lock starts at the attempt that is the
 * 11th within 10 minutes, and lasts 10 minutes from that attempt.
 */
export function pinLockedUntil(attemptTimes: readonly number[], now: Date): Date | null {
  const { maxWrong, windowMs, lockMs } = PIN_THROTTLE;
  const times = attemptTimes.filter((t) => t <= now.getTime()).sort((a, b) => a - b);
  let lockEnd: number | null = null;
  for (let i = maxWrong; i < times.length; i++) {
    if (times[i] - times[i - maxWrong] < windowMs) lockEnd = times[i] + lockMs;
  }
  return lockEnd !== null && lockEnd > now.getTime() ? new Date(lockEnd) : null;
}
