/**
 * D-5: PIN and room-number guessing at the portal.
 *
 * - Per caller: a caller (a number, or all hidden-number callers of a tenant together) with more
 *   than 10 wrong entries — wrong PINs of any room and unknown room numbers — within 10 minutes is
 *   refused for 10 minutes from the entry that crossed the line.
 * - Per room, only against guessing spread over many callers: more than 30 wrong PINs for one room
 *   within 10 minutes, from at least 4 different callers, lock the room's PIN entry for 10 minutes.
 */
export const CALLER_THROTTLE = { maxWrong: 10, windowMs: 10 * 60_000, lockMs: 10 * 60_000 } as const;
export const ROOM_THROTTLE = { maxWrong: 30, minCallers: 4, windowMs: 10 * 60_000, lockMs: 10 * 60_000 } as const;

/** How far back wrong entries can matter: a lock may have started up to lockMs ago at the end of a window. */
export const THROTTLE_LOOKBACK_MS = Math.max(
  CALLER_THROTTLE.windowMs + CALLER_THROTTLE.lockMs,
  ROOM_THROTTLE.windowMs + ROOM_THROTTLE.lockMs,
);

/** The bucket of a caller: their number, or one shared bucket for the tenant's hidden callers. */
export const HIDDEN_CALLER = 'hidden';
export const callerBucket = (number: string | null): string => number ?? HIDDEN_CALLER;

export interface WrongEntry {
  at: number;
  caller: string;
}

/**
 * The end of the caller's lock in force at `now`, or null. A lock starts at the wrong entry that
 * is the 11th within 10 minutes and lasts 10 minutes from it.
 */
export function callerLockedUntil(entryTimes: readonly number[], now: Date): Date | null {
  const { maxWrong, windowMs, lockMs } = CALLER_THROTTLE;
  const times = entryTimes.filter((t) => t <= now.getTime()).sort((a, b) => a - b);
  let lockEnd: number | null = null;
  for (let i = maxWrong; i < times.length; i++) {
    if (times[i] - times[i - maxWrong] < windowMs) lockEnd = times[i] + lockMs;
  }
  return lockEnd !== null && lockEnd > now.getTime() ? new Date(lockEnd) : null;
}

/**
 * The end of the room-wide lock in force at `now`, or null: it starts at a wrong PIN that makes
 * more than 30 within 10 minutes from at least 4 callers. One caller alone, however persistent, is
 * stopped by the caller lock and never locks the room for the others.
 */
export function roomLockedUntil(entries: readonly WrongEntry[], now: Date): Date | null {
  const { maxWrong, minCallers, windowMs, lockMs } = ROOM_THROTTLE;
  const sorted = entries.filter((e) => e.at <= now.getTime()).sort((a, b) => a.at - b.at);
  const perCaller = new Map<string, number>();
  let lockEnd: number | null = null;
  let first = 0;
  for (let i = 0; i < sorted.length; i++) {
    perCaller.set(sorted[i].caller, (perCaller.get(sorted[i].caller) ?? 0) + 1);
    for (; sorted[i].at - sorted[first].at >= windowMs; first++) {
      const left = perCaller.get(sorted[first].caller)! - 1;
      if (left === 0) perCaller.delete(sorted[first].caller);
      else perCaller.set(sorted[first].caller, left);
    }
    if (i - first + 1 > maxWrong && perCaller.size >= minCallers) lockEnd = sorted[i].at + lockMs;
  }
  return lockEnd !== null && lockEnd > now.getTime() ? new Date(lockEnd) : null;
}
