import { and, eq, isNull, sql } from 'drizzle-orm';
import { hashPassword } from '@/server/auth/passwords';
import { db } from '@/server/db/client';
import { passwordResets, users, userSessions } from '@/server/db/schema';
import type { Executor } from '@/server/notifications/tx';
import { NotFoundError } from '@/server/lib/errors';
import { parseInput } from '@/server/lib/validation';
import { passwordSchema } from '@/server/tenants/schemas';

/**
 * The one way a user's password changes (own change, admin reset, forgotten password): the
 * policy is checked, and every session signed in with the old one ends at once (issue 13).
 */
export async function setPassword(tenantId: string, userId: string, password: string): Promise<void> {
  const checked = parseInput(passwordSchema, password);
  const passwordHash = await hashPassword(checked);
  await db().transaction((tx) => storePasswordHash(tx, tenantId, userId, passwordHash));
}

/** The password's hash replaced, inside the caller's transaction: sessions end, unused reset links die. */
export async function storePasswordHash(tx: Executor, tenantId: string, userId: string, passwordHash: string, now = new Date()): Promise<void> {
  const updated = await tx
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.tenantId, tenantId)))
    .returning({ id: users.id });
  if (updated.length === 0) throw new NotFoundError('User');
  await tx.delete(userSessions).where(eq(userSessions.userId, userId));
  await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/** A stored hash of an older kind, replaced after the password was verified; sessions are kept. */
export async function upgradePasswordHash(userId: string, password: string): Promise<void> {
  await db()
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId));
}
