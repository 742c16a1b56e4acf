/** E-6: a failed send is retried with back-off; after this many attempts it stays failed, visible. */
export const MAX_ATTEMPTS = 10;

const FIRST_DELAY_MS = 30_000;
const LONGEST_DELAY_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min … doubling after each failed attempt, never more than an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_DELAY_MS);
}

export function shouldRetry(attempts: number, retryable: boolean): boolean {
  return retryable && attempts < MAX_ATTEMPTS;
}
