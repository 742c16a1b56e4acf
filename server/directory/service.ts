import { and, asc, eq } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { directoryEntries, extensions, users } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { parseInput } from '@/server/lib/validation';
import { giveExtension } from '@/server/users/service';
import {
  directoryEntryCreateSchema,
  extensionCreateSchema,
  extensionDeleteSchema,
  type ExtensionDeleteInput,
  type DirectoryEntryCreateInput,
  type ExtensionCreateInput,
} from './schemas';

/** The tenant's extensions and external phone book, kept by its admins (T-2, M-1). */
function assertAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may change extensions and the directory');
}

export async function createExtension(actor: Actor, input: ExtensionCreateInput) {
  assertAdmin(actor);
  const data = parseInput(extensionCreateSchema, input);
  try {
    const [row] = await db().insert(extensions).values({ ...data, tenantId: actor.tenantId }).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error, 'extensions_tenant_number'))
      throw new ConflictError({ field: 'number', code: 'extension.taken' }, 'This extension number already exists');
    throw error;
  }
}

/** The extensions with the user holding each, for the admin page (issue 12). */
export const listExtensionsWithHolders = (actor: Actor) =>
  db()
    .select({ id: extensions.id, number: extensions.number, name: extensions.name, email: extensions.email, holder: { id: users.id, name: users.name } })
    .from(extensions)
    .leftJoin(users, and(eq(users.id, extensions.userId), eq(users.tenantId, extensions.tenantId)))
    .where(eq(extensions.tenantId, actor.tenantId))
    .orderBy(asc(extensions.number));

export async function deleteExtension(actor: Actor, id: string, input: ExtensionDeleteInput = {}) {
  assertAdmin(actor);
  if (!isUuid(id)) throw new NotFoundError('Extension');
  const choice = parseInput(extensionDeleteSchema, input);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: extensions.id, number: extensions.number, userId: extensions.userId })
      .from(extensions)
      .where(and(eq(extensions.id, id), eq(extensions.tenantId, actor.tenantId)))
      .for('update');
    if (!row) throw new NotFoundError('Extension');
    if (row.userId) {
      if (!choice.onHeld)
        throw new ConflictError({ field: 'onHeld', code: 'extension.onHeld' }, 'A user holds this extension: say whether to detach it or to move the user to another extension');
      if (choice.onHeld === 'reassign') {
        if (!choice.reassignTo) throw new ValidationError([{ field: 'reassignTo', code: 'extension.reassignTo' }]);
        if (choice.reassignTo === row.number) throw new ValidationError([{ field: 'reassignTo', code: 'extension.reassignSame' }]);
        const [holder] = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, row.userId));
        await tx.update(extensions).set({ userId: null }).where(eq(extensions.id, row.id));
        await giveExtension(tx, actor.tenantId, holder, choice.reassignTo, 'reassignTo');
      }
    }
    await tx.delete(extensions).where(eq(extensions.id, row.id));
  });
}

export const listDirectory = (actor: Actor) =>
  db().select().from(directoryEntries).where(eq(directoryEntries.tenantId, actor.tenantId)).orderBy(asc(directoryEntries.name));

export async function createDirectoryEntry(actor: Actor, input: DirectoryEntryCreateInput) {
  assertAdmin(actor);
  const data = parseInput(directoryEntryCreateSchema, input);
  const [row] = await db().insert(directoryEntries).values({ ...data, tenantId: actor.tenantId }).returning();
  return row;
}

export async function deleteDirectoryEntry(actor: Actor, id: string) {
  assertAdmin(actor);
  if (!isUuid(id)) throw new NotFoundError('Directory entry');
  const gone = await db()
    .delete(directoryEntries)
    .where(and(eq(directoryEntries.id, id), eq(directoryEntries.tenantId, actor.tenantId)))
    .returning({ id: directoryEntries.id });
  if (gone.length === 0) throw new NotFoundError('Directory entry');
}
