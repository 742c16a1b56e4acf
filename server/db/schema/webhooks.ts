import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { conferences } from './conferences';

/** What a tenant admin may subscribe an endpoint to (issue 10 webhooks). */
export const WEBHOOK_EVENT_TYPES = ['conference.started', 'conference.ended', 'participant.joined', 'participant.left', 'participant.muted', 'recording.ready'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * An HTTPS endpoint of a tenant. The secret signs every delivery (Standard Webhooks), so it is
 * kept as it is, unlike API tokens which are only compared; it is shown once, at creation.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: text('events', { enum: WEBHOOK_EVENT_TYPES }).array().notNull(),
    secret: text('secret').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // What the portal shows: the last failure (kept until a later success) and the last success.
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    lastDeliveredAt: timestamp('last_delivered_at', { withTimezone: true }),
  },
  (t) => [index('webhook_endpoints_tenant').on(t.tenantId)],
);

/**
 * The outbox of webhook deliveries: one row per endpoint and conference event, written by a
 * trigger in the same transaction as the event (see the migration), so none is ever lost; the
 * worker claims due rows with SKIP LOCKED. The row id is the `webhook-id` of every attempt, so a
 * receiver recognises a retry (never doubled for it).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    // conference_events.id: the order of delivery within a conference.
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    type: text('type', { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    // A claim whose worker died becomes claimable again when its lease ends.
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    claimedBy: text('claimed_by'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('webhook_deliveries_once').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index('webhook_deliveries_order').on(t.endpointId, t.conferenceId, t.eventId),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
