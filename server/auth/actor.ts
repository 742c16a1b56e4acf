import { eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { users, type Role } from '@/server/db/schema';

/** Who is acting: every service call is scoped by this tenant and checked against this role (T-3, T-4). */
export interface Actor {
  userId: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string;
  locale: string | null;
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';

/** The columns of `users` an Actor is made of, for queries that read it together with something else. */
export const actorColumns = { userId: users.id, tenantId: users.tenantId, role: users.role, name: users.name, email: users.email, locale: users.locale };

/** Re-read on every request so that a removed user or a changed role takes effect at once. */
export async function actorForUser(userId: string): Promise<Actor | null> {
  const [user] = await db()
    .select(actorColumns)
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}
