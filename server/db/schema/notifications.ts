import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

export const NOTIFICATION_KINDS = ['invitation', 'reminder-30', 'reminder-15', 'update', 'cancellation', 'report'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The single source of truth for room emails (M-3, M-4, M-5, R-7): one row per recipient, kind
 * and room version, whatever the transport. The unique key is what makes "exactly once" hold.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    // No foreign key: a cancellation must outlive the room it cancels.
    roomId: uuid('room_id').notNull(),
    // Null for the organizer's copy; kept after the member is removed, as history.
    memberId: uuid('member_id'),
    // Lower-cased: one address gets one email even when listed twice.
    recipientEmail: text('recipient_email').notNull(),
    recipientName: text('recipient_name').notNull(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    // The conference a report is about (H-5); null for the emails about the room itself. No
    // foreign key, like roomId: the report stays with the history, whatever happens to the rows.
    conferenceId: uuid('conference_id'),
    roomVersion: integer('room_version').notNull(),
    // Rows sharing a batch go out in one transport request, always the same rows, so that a
    // retried request is byte-identical and its idempotency key stays valid. The batch id is the
    // id of its leader row; only leaders are claimed.
    batchId: uuid('batch_id').notNull(),
    // What the email says, frozen at creation: a retry renders the same bytes, and a
    // cancellation can still be rendered after the room row is gone.
    facts: jsonb('facts').notNull(),
    status: text('status', { enum: NOTIFICATION_STATUSES }).notNull().default('pending'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    // A claimed row whose claimer died becomes claimable again once its lease ends.
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    // Which worker holds the claim (WORKER_ID): restarted, it takes its own dead claims back at once.
    claimedBy: text('claimed_by'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A report is once per conference and recipient: two conferences of one room version differ by conferenceId.
    unique('notifications_once').on(t.roomId, t.kind, t.roomVersion, t.recipientEmail, t.conferenceId).nullsNotDistinct(),
    index('notifications_due')
      .on(t.nextAttemptAt)
      .where(sql`status in ('pending', 'sending') and id = batch_id`),
    index('notifications_room').on(t.roomId),
    index('notifications_batch').on(t.batchId),
  ],
);

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** The development transport (E-6): messages kept in the database instead of being mailed. */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The same key the Resend transport sends as Idempotency-Key: a retried send stores nothing new.
    idempotencyKey: text('idempotency_key').notNull().unique(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    roomId: uuid('room_id'),
    kind: text('kind').notNull(),
    from: text('from').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<OutboxAttachment[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_messages_created').on(t.createdAt)],
);

export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;
export type OutboxMessage = typeof outboxMessages.$inferSelect;
