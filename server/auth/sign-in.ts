import { eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { users } from '@/server/db/schema';
import { logger } from '@/server/lib/logger';
import { emailSchema } from '@/server/tenants/schemas';
import { upgradePasswordHash } from '@/server/users/passwords';
import { verifyAgainstNothing, verifyPassword } from './passwords';
import { openSession, type SessionClaims } from './sessions';
import { attemptSucceeded, reserveAttempt, type AttemptKeys } from './sign-in-throttle';

export type SignInOutcome =
  | ({ outcome: 'signed-in' } & SessionClaims)
  | { outcome: 'refused' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

export interface SignInAttempt {
  email: unknown;
  password: unknown;
  /** The client address as the web edge resolved it (server/web/edge.ts). */
  address: string;
}

const log = logger.child({ module: 'sign-in' });

/** Longer than any password the policy accepts; a guess this long is refused before hashing. */
const MAX_PASSWORD_LENGTH = 1024;

/** Text safe as a database key: PostgreSQL text holds no NUL, and a key need not be long. */
const keyText = (value: string) => value.replace(/\u0000/g, '').slice(0, 200);

/** The throttle's keys for an attempt, from the email as typed (trimmed, lower-cased) and the address. */
export const throttleKeys = (email: string, address: string): AttemptKeys => ({ email: keyText(email.trim().toLowerCase()), address: keyText(address) });

/**
 * Email + password sign-in (T-5, issue 13): the attempt is counted before anything else, refused
 * while its account + address (or its address) is over the limit, and the password is checked
 * in the same time whether or not the account exists. The same answer for an unknown email and
 * a wrong password.
 */
export async function signInWithPassword(attempt: SignInAttempt, now: Date): Promise<SignInOutcome> {
  const email = emailSchema.safeParse(attempt.email);
  const password = typeof attempt.password === 'string' ? attempt.password : '';
  if (!email.success || password.length > MAX_PASSWORD_LENGTH) return { outcome: 'refused' };
  const keys = throttleKeys(email.data, attempt.address);

  const gate = await reserveAttempt(keys, now);
  if (!gate.allowed) {
    log.warn({ email: keys.email, address: keys.address, retryAfterSeconds: gate.retryAfterSeconds }, 'sign-in throttled');
    return { outcome: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };
  }

  const [user] = await db().select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email.data));
  if (!user) {
    await verifyAgainstNothing(password);
    log.info({ email: keys.email, address: keys.address }, 'sign-in refused');
    return { outcome: 'refused' };
  }
  const verified = await verifyPassword(password, user.passwordHash);
  if (!verified.ok) {
    log.info({ email: keys.email, address: keys.address }, 'sign-in refused');
    return { outcome: 'refused' };
  }
  await attemptSucceeded(keys);
  if (verified.outdated) await upgradePasswordHash(user.id, password);
  log.info({ userId: user.id, address: keys.address }, 'signed in');
  return { outcome: 'signed-in', ...(await openSession(user.id)) };
}
