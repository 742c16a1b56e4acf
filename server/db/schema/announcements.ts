import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

export const ANNOUNCEMENT_SOURCES = ['upload', 'phone'] as const;

/**
 * T-2: a tenant's welcome announcement, at most one. The audio is an object of the tenant's
 * storage (server/storage) under a key the product generated: never a path anyone typed.
 */
export const tenantAnnouncements = pgTable('tenant_announcements', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  objectKey: text('object_key').notNull(),
  durationMs: integer('duration_ms').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  source: text('source', { enum: ANNOUNCEMENT_SOURCES }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export type TenantAnnouncement = typeof tenantAnnouncements.$inferSelect;
