import { and, asc, eq } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/passwords';
import { db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { extensions, rooms, tenants, users } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { parseInput } from '@/server/lib/validation';
import { userCreateSchema, type UserCreateInput } from './schemas';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'subscriber';
  extension: string | null;
}

/** API-3 `user create` and the admin page; with an extension number, the user owns that extension. */
export async function createUser(tenantId: string, input: UserCreateInput): Promise<{ userId: string }> {
  const data = parseInput(userCreateSchema, input);
  const [tenant] = await db().select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new NotFoundError('Tenant');
  const passwordHash = await hashPassword(data.password);
  const name = data.name ?? data.email.split('@')[0];
  try {
    return await db().transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ tenantId, email: data.email, name, passwordHash, role: data.role })
        .returning({ id: users.id });
      if (data.extension) {
        await tx
          .insert(extensions)
          .values({ tenantId, number: data.extension, name, email: data.email, userId: user.id })
          .onConflictDoUpdate({ target: [extensions.tenantId, extensions.number], set: { userId: user.id } });
      }
      return { userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique'))
      throw new ConflictError({ field: 'email', code: 'email.taken' }, 'This email address cannot be used');
    throw error;
  }
}

export async function createUserAsAdmin(actor: Actor, input: UserCreateInput) {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may add users');
  return createUser(actor.tenantId, input);
}

export async function listUsers(actor: Actor): Promise<UserView[]> {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may list users');
  return db()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, extension: extensions.number })
    .from(users)
    .leftJoin(extensions, and(eq(extensions.userId, users.id), eq(extensions.tenantId, users.tenantId)))
    .where(eq(users.tenantId, actor.tenantId))
    .orderBy(asc(users.name));
}

export async function deleteUser(actor: Actor, userId: string): Promise<void> {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may remove users');
  if (userId === actor.userId) throw new ForbiddenError('You cannot remove yourself');
  if (!isUuid(userId)) throw new NotFoundError('User');
  const [target] = await db()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.tenantId, actor.tenantId)));
  if (!target) throw new NotFoundError('User');
  const [owned] = await db().select({ id: rooms.id }).from(rooms).where(eq(rooms.organizerId, userId)).limit(1);
  if (owned) throw new ConflictError({ field: 'id', code: 'user.organizesRooms' }, 'This user still organizes rooms');
  await db().delete(users).where(and(eq(users.id, userId), eq(users.tenantId, actor.tenantId)));
}

export async function setUserLocale(actor: Actor, locale: string): Promise<void> {
  await db()
    .update(users)
    .set({ locale })
    .where(and(eq(users.id, actor.userId), eq(users.tenantId, actor.tenantId)));
}

export async function findUserByEmail(email: string) {
  const [user] = await db().select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}
