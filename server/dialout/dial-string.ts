/** `*71*N1*N2*…*Nk`, parsed before anything is dialled. */
const ADHOC_PREFIX = '*71*';
const MAX_NUMBERS = 10;
const MAX_DIGITS = 20;

export type DialStringError = 'not-adhoc' | 'empty-segment' | 'not-digits' | 'too-many-numbers' | 'number-too-long';

export type DialStringResult = { ok: true; numbers: string[] } | { ok: false; error: DialStringError };

const NUMBER = /^\+?\d+$/;

export function isAdhocDialString(user: string): boolean {
  return user.startsWith(ADHOC_PREFIX);
}

export function parseDialString(user: string): DialStringResult {
  if (!isAdhocDialString(user)) return { ok: false, error: 'not-adhoc' };
  const segments = user.slice(ADHOC_PREFIX.length).split('*');
  if (segments.some((s) => s.length === 0)) return { ok: false, error: 'empty-segment' };
  if (segments.some((s) => !NUMBER.test(s))) return { ok: false, error: 'not-digits' };
  if (segments.length > MAX_NUMBERS) return { ok: false, error: 'too-many-numbers' };
  if (segments.some((s) => s.replace('+', '').length > MAX_DIGITS)) return { ok: false, error: 'number-too-long' };
  // Calling the same number twice would only ring one phone twice and bill two legs.
  return { ok: true, numbers: [...new Set(segments)] };
}
