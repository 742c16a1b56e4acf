import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { preparedOnce } from '@/server/db/prepared';
import { users, userSessions } from '@/server/db/schema';
import { isUuid } from '@/server/lib/ids';
import { actorColumns, type Actor } from './actor';

/**
 * Issue 13: a browser session is valid while its row exists and the user's session version is
 * the one it was signed with. Signing out deletes the row, "sign out everywhere" and a password
 * change bump the version, removing the user deletes everything: each takes effect on the next
 * request, not when the cookie expires.
 */
export interface SessionClaims {
  userId: string;
  sessionId: string;
  sessionVersion: number;
}

export async function openSession(userId: string): Promise<SessionClaims> {
  const [user] = await db().select({ tenantId: users.tenantId, version: users.sessionVersion }).from(users).where(eq(users.id, userId));
  const [row] = await db().insert(userSessions).values({ tenantId: user.tenantId, userId }).returning({ id: userSessions.id });
  return { userId, sessionId: row.id, sessionVersion: user.version };
}

// Runs on every page request: one prepared round trip.
const actorBySession = preparedOnce((database) =>
  database
    .select(actorColumns)
    .from(userSessions)
    .innerJoin(users, and(eq(users.id, userSessions.userId), eq(users.tenantId, userSessions.tenantId)))
    .where(
      and(
        eq(userSessions.id, sql.placeholder('sessionId')),
        eq(userSessions.userId, sql.placeholder('userId')),
        eq(users.sessionVersion, sql.placeholder('version')),
      ),
    )
    .prepare('actor_by_session'),
);


/** The signed-in user, or null once the session was ended (or never was one of ours). */
export async function actorForSession(claims: Partial<SessionClaims>): Promise<Actor | null> {
  const { userId, sessionId, sessionVersion } = claims;
  if (!userId || !sessionId || !isUuid(userId) || !isUuid(sessionId) || !Number.isInteger(sessionVersion)) return null;
  const [actor] = await actorBySession().execute({ sessionId, userId, version: sessionVersion });
  return actor ?? null;
}

/** Sign-out: this browser's session ends; the user's other sessions go on. */
export async function endSession(claims: Partial<SessionClaims>): Promise<void> {
  if (!claims.sessionId || !claims.userId || !isUuid(claims.sessionId) || !isUuid(claims.userId)) return;
  await db()
    .delete(userSessions)
    .where(and(eq(userSessions.id, claims.sessionId), eq(userSessions.userId, claims.userId)));
}

/** "Sign out everywhere", a password change: every session of the user ends at once. */
export async function endAllSessions(userId: string): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await tx.delete(userSessions).where(eq(userSessions.userId, userId));
  });
}
