import { and, eq, sql } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { extensions, tenantAnnouncements, users, type TenantAnnouncement } from '@/server/db/schema';
import { ForbiddenError, ValidationError } from '@/server/lib/errors';
import { logger } from '@/server/lib/logger';
import { newObjectKey, storage } from '@/server/storage/storage';
import { AudioRefused, toTelephoneWav } from './audio';

/** What the settings page and `GET /api/v1/tenant/announcement` say about the announcement. */
export interface AnnouncementView {
  durationMs: number;
  sizeBytes: number;
  source: TenantAnnouncement['source'];
  updatedAt: string;
}

const view = (row: TenantAnnouncement): AnnouncementView => ({
  durationMs: row.durationMs,
  sizeBytes: row.sizeBytes,
  source: row.source,
  updatedAt: row.updatedAt.toISOString(),
});

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may manage the welcome announcement');
}

async function current(tenantId: string): Promise<TenantAnnouncement | null> {
  const [row] = await db().select().from(tenantAnnouncements).where(eq(tenantAnnouncements.tenantId, tenantId));
  return row ?? null;
}

export async function getAnnouncement(actor: Actor): Promise<AnnouncementView | null> {
  requireAdmin(actor);
  const row = await current(actor.tenantId);
  return row ? view(row) : null;
}

/** The converted WAV (8 kHz mono), for the page's player and the API's download; null when there is none. */
export async function announcementAudio(actor: Actor): Promise<Uint8Array | null> {
  requireAdmin(actor);
  const row = await current(actor.tenantId);
  return row ? storage().get(actor.tenantId, row.objectKey) : null;
}

/** T-2: an uploaded WAV or MP3, checked and converted, replaces the tenant's announcement. */
export async function saveAnnouncement(actor: Actor, bytes: Uint8Array, now: Date): Promise<AnnouncementView> {
  requireAdmin(actor);
  return store(actor.tenantId, bytes, 'upload', now);
}

export async function deleteAnnouncement(actor: Actor): Promise<void> {
  requireAdmin(actor);
  const [row] = await db().delete(tenantAnnouncements).where(eq(tenantAnnouncements.tenantId, actor.tenantId)).returning();
  if (row) await storage().delete(actor.tenantId, row.objectKey);
}

/** For the call flows: the tenant's announcement, if any (the sip process has no user, only the call's tenant). */
export async function tenantAnnouncement(tenantId: string): Promise<{ key: string; audio: () => Promise<Uint8Array | null> } | null> {
  const row = await current(tenantId);
  return row ? { key: row.objectKey, audio: () => storage().get(tenantId, row.objectKey) } : null;
}

/** `*73` (T-3): only an extension held by one of the tenant's admins may change the announcement. */
export async function isAdminExtension(tenantId: string, number: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: extensions.id })
    .from(extensions)
    .innerJoin(users, and(eq(users.id, extensions.userId), eq(users.tenantId, tenantId)))
    .where(and(eq(extensions.tenantId, tenantId), eq(extensions.number, number), eq(users.role, 'admin')));
  return row !== undefined;
}

/** `*73`: a message recorded by phone and kept by its caller, stored like an upload. */
export async function storeRecordedAnnouncement(tenantId: string, bytes: Uint8Array, now: Date): Promise<AnnouncementView> {
  return store(tenantId, bytes, 'phone', now);
}

async function store(tenantId: string, bytes: Uint8Array, source: TenantAnnouncement['source'], now: Date): Promise<AnnouncementView> {
  if (bytes.byteLength === 0) throw new ValidationError([{ field: 'file', code: 'announcement.required' }]);
  const audio = await toTelephoneWav(bytes).catch((error: unknown) => {
    if (error instanceof AudioRefused) throw new ValidationError([{ field: 'file', code: error.code }]);
    throw error;
  });
  const objectKey = newObjectKey('announcement', 'wav');
  // A new key each time: a sip process that cached the old file never plays half of the new one.
  await storage().put(tenantId, objectKey, audio.wav);
  const values = { tenantId, objectKey, durationMs: audio.durationMs, sizeBytes: audio.wav.byteLength, source, updatedAt: now };
  let replaced: string | null = null;
  try {
    const row = await db().transaction(async (tx) => {
      // One replacement at a time per tenant, so that each replaced file is deleted exactly once.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`announcement:${tenantId}`}))`);
      const [before] = await tx.select({ objectKey: tenantAnnouncements.objectKey }).from(tenantAnnouncements).where(eq(tenantAnnouncements.tenantId, tenantId));
      replaced = before?.objectKey ?? null;
      const [saved] = await tx.insert(tenantAnnouncements).values(values).onConflictDoUpdate({ target: tenantAnnouncements.tenantId, set: values }).returning();
      return saved;
    });
    if (replaced) await storage().delete(tenantId, replaced);
    return view(row);
  } catch (error) {
    await storage().delete(tenantId, objectKey).catch((err: unknown) => logger.error({ err, tenantId }, 'could not remove an announcement file that was never saved'));
    throw error;
  }
}
