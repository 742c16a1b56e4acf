import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conferences } from './conferences';
import { tenants } from './tenants';

/** REC-1, REC-2: where a recording is in its life; `failed` carries its reason, `deleted` keeps the row for history. */
export const RECORDING_STATES = ['recording', 'encoding', 'ready', 'failed', 'deleted'] as const;
export type RecordingState = (typeof RECORDING_STATES)[number];

/**
 * One recording of a conference's mix. While it records and until it is encoded, the WAV lives
 * in the folder the sip process shares with the media server (`wavPath`, as the product's
 * processes see it): a crash there leaves the file and this row, and the worker finishes it. Once
 * ready, the MP3 is an object of the tenant's storage under a key the product generated.
 */
export const recordings = pgTable(
  'recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    state: text('state', { enum: RECORDING_STATES }).notNull(),
    failureReason: text('failure_reason'),
    wavPath: text('wav_path'),
    objectKey: text('object_key'),
    sizeBytes: integer('size_bytes'),
    durationSeconds: integer('duration_seconds'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** A worker encoding it holds it until then; a worker that died lets it go when this passes. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  },
  (t) => [index('recordings_conference').on(t.tenantId, t.conferenceId), index('recordings_state').on(t.state)],
);

export type Recording = typeof recordings.$inferSelect;

/**
 * REC-2: a download link of a recording, shareable without a session (the report email): a
 * random token of which only the SHA-256 is kept. It works while it has not expired and the
 * recording is ready: deleting the recording ends every link at once.
 */
export const recordingLinks = pgTable(
  'recording_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    recordingId: uuid('recording_id')
      .notNull()
      .references(() => recordings.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('recording_links_recording').on(t.recordingId)],
);
