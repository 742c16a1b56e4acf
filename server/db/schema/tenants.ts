import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const DIAL_OUT_CLASSES = ['extension', 'national', 'mobile', 'international', 'premium'] as const;
export type DialOutClass = (typeof DIAL_OUT_CLASSES)[number];
export const LANGUAGES = ['fr', 'en', 'de', 'es', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('Europe/Paris'),
  language: text('language', { enum: LANGUAGES }).notNull().default('fr'),
  // Calls whose From carries this domain come from the tenant's extensions (D-1).
  sipDomain: text('sip_domain').notNull().unique(),
  outboundRoute: text('outbound_route'),
  dialOutClasses: text('dial_out_classes', { enum: DIAL_OUT_CLASSES })
    .array()
    .notNull()
    .default(sql`ARRAY['extension','national']::text[]`),
  earlyJoinMinutes: integer('early_join_minutes').notNull().default(5),
  rejectAnonymous: boolean('reject_anonymous').notNull().default(false),
  // L-3: public live pages show caller numbers masked except the last 4 digits unless turned off.
  maskCallerNumbers: boolean('mask_caller_numbers').notNull().default(true),
  recordingRetentionDays: integer('recording_retention_days').notNull().default(30),
  // Rooms of this tenant must have a PIN (the API may otherwise create rooms without one).
  requirePin: boolean('require_pin').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const portalNumbers = pgTable('portal_numbers', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  // E.164, unique across every tenant: the dialled number alone picks the tenant.
  number: text('number').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Tenant = typeof tenants.$inferSelect;
export type PortalNumber = typeof portalNumbers.$inferSelect;
