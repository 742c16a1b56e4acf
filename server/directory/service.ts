import { and, asc, eq } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { directoryEntries, extensions } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { parseInput } from '@/server/lib/validation';
import {
  directoryEntryCreateSchema,
  extensionCreateSchema,
  type DirectoryEntryCreateInput,
  type ExtensionCreateInput,
} from './schemas';

/** The tenant's extensions and external phone book, kept by its admins (T-2, M-1). */
function assertAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may change extensions and the directory');
}

export const listExtensions = (actor: Actor) =>
  db().select().from(extensions).where(eq(extensions.tenantId, actor.tenantId)).orderBy(asc(extensions.number));

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

export async function deleteExtension(actor: Actor, id: string) {
  assertAdmin(actor);
  if (!isUuid(id)) throw new NotFoundError('Extension');
  const gone = await db()
    .delete(extensions)
    .where(and(eq(extensions.id, id), eq(extensions.tenantId, actor.tenantId)))
    .returning({ id: extensions.id });
  if (gone.length === 0) throw new NotFoundError('Extension');
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
