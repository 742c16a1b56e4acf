import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { signInThrottle } from '@/server/db/schema';

/**
 * Issue 13: guessing passwords is limited per account and client address (10 attempts in a
 * 15-minute window, then refused until the window ends, the right password included), and per
 * client address alone (100 attempts, against one address trying many accounts). The counts live
 * in PostgreSQL so that they hold across web processes; an attempt is counted before its password
 * is checked, in one statement, so parallel attempts cannot slip past the limit.
 */
export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60_000,
  perAccountAndAddress: 10,
  perAddress: 100,
} as const;

export interface AttemptKeys {
  /** Lower-cased email as typed, whether or not an account has it. */
  email: string;
  address: string;
}

export type Gate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const pairKey = ({ email, address }: AttemptKeys) => `${email}|${address}`;

interface Row {
  scope: 'account-address' | 'address';
  attempts: number;
  window_started_at: string | Date;
}

/** Pure: the gate from the counts after this attempt was added. */
export function gateFor(rows: { scope: Row['scope']; attempts: number; windowStartedAt: Date }[], now: Date): Gate {
  const over = rows.filter((r) => r.attempts > (r.scope === 'address' ? SIGN_IN_LIMITS.perAddress : SIGN_IN_LIMITS.perAccountAndAddress));
  if (over.length === 0) return { allowed: true };
  const until = Math.max(...over.map((r) => r.windowStartedAt.getTime() + SIGN_IN_LIMITS.windowMs));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/** Counts this attempt under both keys (a new window when the last one ended) and says whether it may go on. */
export async function reserveAttempt(keys: AttemptKeys, now: Date): Promise<Gate> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs).toISOString();
  const rows = (await db().execute(sql`
    insert into ${signInThrottle} as t (scope, key, attempts, window_started_at)
    values ('account-address', ${pairKey(keys)}, 1, ${at}::timestamptz), ('address', ${keys.address}, 1, ${at}::timestamptz)
    on conflict (scope, key) do update set
      attempts = case when t.window_started_at <= ${windowStart}::timestamptz then 1 else t.attempts + 1 end,
      window_started_at = case when t.window_started_at <= ${windowStart}::timestamptz then ${at}::timestamptz else t.window_started_at end
    returning scope, attempts, window_started_at`)) as unknown as Row[];
  return gateFor(rows.map((r) => ({ scope: r.scope, attempts: r.attempts, windowStartedAt: new Date(r.window_started_at) })), now);
}

/** The right password: the account's count from this address starts again; the address keeps the others. */
export async function attemptSucceeded(keys: AttemptKeys): Promise<void> {
  await db()
    .delete(signInThrottle)
    .where(and(eq(signInThrottle.scope, 'account-address'), eq(signInThrottle.key, pairKey(keys))));
  await db()
    .update(signInThrottle)
    .set({ attempts: sql`greatest(${signInThrottle.attempts} - 1, 0)` })
    .where(and(eq(signInThrottle.scope, 'address'), eq(signInThrottle.key, keys.address)));
}

/** How long these keys stay refused, without counting an attempt (for answers that need the figure). */
export async function currentGate(keys: AttemptKeys, now: Date): Promise<Gate> {
  const rows = await db()
    .select({ scope: signInThrottle.scope, attempts: signInThrottle.attempts, windowStartedAt: signInThrottle.windowStartedAt })
    .from(signInThrottle)
    .where(
      sql`(${signInThrottle.scope}, ${signInThrottle.key}) in (('account-address', ${pairKey(keys)}), ('address', ${keys.address}))
        and ${signInThrottle.windowStartedAt} > ${new Date(now.getTime() - SIGN_IN_LIMITS.windowMs).toISOString()}::timestamptz`,
    );
  return gateFor(rows, now);
}

/** Windows that ended long ago hold nothing: the worker clears them. */
export async function forgetEndedWindows(now: Date): Promise<number> {
  const deleted = await db()
    .delete(signInThrottle)
    .where(sql`${signInThrottle.windowStartedAt} < ${new Date(now.getTime() - SIGN_IN_LIMITS.windowMs).toISOString()}::timestamptz`)
    .returning({ key: signInThrottle.key });
  return deleted.length;
}
