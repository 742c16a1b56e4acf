import { availableParallelism } from 'node:os';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { verify as bcryptVerify } from '@node-rs/bcrypt';

/*
 * T-5: argon2id (OWASP's parameters: 19 MiB, 2 passes), computed by a native binding on libuv's
 * thread pool, never on the JavaScript thread that serves every other request. Hashes made by
 * bcryptjs before still verify (natively too) and are replaced on the next successful sign-in.
 * argon2 reads the whole password, so two passwords sharing their first 72 bytes differ, unlike
 * bcrypt.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * At most this many hashes at once: a flood of sign-ins queues here instead of taking every core
 * from the rest of the web process (one core is always left to it).
 */
const MAX_CONCURRENT = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export const hashPassword = (password: string): Promise<string> => limited(() => argon2Hash(password, OPTIONS));

const isBcrypt = (hash: string) => /^\$2[abxy]\$/.test(hash);

export interface Verification {
  ok: boolean;
  /** The stored hash is of an older kind (bcrypt) and should be replaced by hashing the password again. */
  outdated: boolean;
}

export async function verifyPassword(password: string, hash: string): Promise<Verification> {
  if (isBcrypt(hash)) return { ok: await limited(() => bcryptVerify(password, hash).catch(() => false)), outdated: true };
  return { ok: await limited(() => argon2Verify(hash, password).catch(() => false)), outdated: false };
}

let dummy: Promise<string> | undefined;

/**
 * Checking a password against an account that does not exist costs the same as against one that
 * does, so the answer's timing does not tell which emails have an account.
 */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummy ??= argon2Hash('not a password anyone has', OPTIONS);
  await verifyPassword(password, await dummy);
}
