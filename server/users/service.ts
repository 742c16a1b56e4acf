import { and, asc, eq, ne } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/passwords';
import { db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { extensions, rooms, tenants, users } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { parseInput } from '@/server/lib/validation';
import { userCreateSchema, userUpdateSchema, type UserCreateInput, type UserUpdateInput } from './schemas';
import type { Executor } from '@/server/notifications/tx';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'subscriber';
  extension: string | null;
}

const emailRefused = () =>
  // Emails are global sign-in identities: the refusal never says whether another tenant has it (issue 12).
  new ConflictError({ field: 'email', code: 'email.taken' }, 'This email address cannot be used');

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
      if (data.extension) await giveExtension(tx, tenantId, { id: user.id, name, email: data.email }, data.extension, 'extension');
      return { userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) throw emailRefused();
    throw error;
  }
}

export async function createUserAsAdmin(actor: Actor, input: UserCreateInput) {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may add users');
  return createUser(actor.tenantId, input);
}

const userViewColumns = { id: users.id, email: users.email, name: users.name, role: users.role, extension: extensions.number };

const usersWithExtension = () =>
  db()
    .select(userViewColumns)
    .from(users)
    .leftJoin(extensions, and(eq(extensions.userId, users.id), eq(extensions.tenantId, users.tenantId)));

export async function listUsers(actor: Actor): Promise<UserView[]> {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may list users');
  return usersWithExtension().where(eq(users.tenantId, actor.tenantId)).orderBy(asc(users.name));
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

/**
 * Issue 12: an admin changes a user's name, email, role or extension; only the fields given
 * change. An admin may not take away their own admin role, so a tenant always keeps one.
 */
export async function updateUser(actor: Actor, userId: string, input: UserUpdateInput): Promise<UserView> {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may change users');
  // An unknown id answers 404 whatever the body, as everywhere in the API (T-1).
  await getUser(actor, userId);
  const data = parseInput(userUpdateSchema, input);
  try {
    await db().transaction(async (tx) => {
      const [current] = await tx
        .select({ id: users.id, name: users.name, email: users.email, role: users.role })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.tenantId, actor.tenantId)))
        .for('update');
      if (!current) throw new NotFoundError('User');
      if (userId === actor.userId && data.role && data.role !== 'admin')
        throw new ForbiddenError('You cannot take away your own admin role');
      const changes = { name: data.name, email: data.email, role: data.role };
      if (Object.values(changes).some((v) => v !== undefined)) await tx.update(users).set(changes).where(eq(users.id, userId));
      // The extension the user holds was named after them: it follows a new name or email.
      if (data.name && data.name !== current.name)
        await tx.update(extensions).set({ name: data.name }).where(and(eq(extensions.userId, userId), eq(extensions.name, current.name)));
      if (data.email && data.email !== current.email)
        await tx.update(extensions).set({ email: data.email }).where(and(eq(extensions.userId, userId), eq(extensions.email, current.email)));
      if (data.extension !== undefined)
        await giveExtension(tx, actor.tenantId, { id: userId, name: data.name ?? current.name, email: data.email ?? current.email }, data.extension, 'extension');
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) throw emailRefused();
    throw error;
  }
  return getUser(actor, userId);
}

export async function getUser(actor: Actor, userId: string): Promise<UserView> {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may read users');
  const [view] = isUuid(userId) ? await usersWithExtension().where(and(eq(users.id, userId), eq(users.tenantId, actor.tenantId))) : [];
  if (!view) throw new NotFoundError('User');
  return view;
}

/**
 * The user holds `number` afterwards (an extension of the tenant, made when missing) and no
 * other; null leaves them without one. An extension another user holds is never taken from them.
 */
export async function giveExtension(
  tx: Executor,
  tenantId: string,
  user: { id: string; name: string; email: string },
  number: string | null,
  field: string,
): Promise<void> {
  const [wanted] = number
    ? await tx
        .select({ id: extensions.id, userId: extensions.userId })
        .from(extensions)
        .where(and(eq(extensions.tenantId, tenantId), eq(extensions.number, number)))
        .for('update')
    : [];
  if (wanted?.userId === user.id) return;
  if (wanted?.userId) throw new ConflictError({ field, code: 'extension.held' }, 'This extension belongs to another user');
  await tx
    .update(extensions)
    .set({ userId: null })
    .where(and(eq(extensions.tenantId, tenantId), eq(extensions.userId, user.id), wanted ? ne(extensions.id, wanted.id) : undefined));
  if (wanted) await tx.update(extensions).set({ userId: user.id }).where(eq(extensions.id, wanted.id));
  else if (number) await tx.insert(extensions).values({ tenantId, number, name: user.name, email: user.email, userId: user.id });
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
