import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { rooms } from './rooms';
import { conferences, participants } from './conferences';

/**
 * The live path (ARCHITECTURE "commands in, events out", L-1..L-3). Events are rows first (a
 * reconnecting browser, history and webhooks read them), NOTIFY second (the wake-up).
 */
export const CONFERENCE_EVENT_KINDS = [
  'conference-started',
  'conference-updated',
  'conference-ended',
  'participant-joined',
  'participant-updated',
  'participant-left',
  'dial-progress',
  'action',
  // A recording's MP3 is stored and downloadable (REC-1); no live stream carries it, the webhook does.
  'recording-ready',
] as const;
export type ConferenceEventKind = (typeof CONFERENCE_EVENT_KINDS)[number];

export const conferenceEvents = pgTable(
  'conference_events',
  {
    // A bigserial so a stream can resume after the last id it saw (SSE Last-Event-ID).
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id').references(() => participants.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: CONFERENCE_EVENT_KINDS }).notNull(),
    payload: jsonb('payload').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('conference_events_conference').on(t.conferenceId, t.id), index('conference_events_tenant').on(t.tenantId, t.id)],
);

export const COMMAND_ACTIONS = ['mute', 'unmute', 'kick', 'lock', 'unlock', 'muteAll', 'unmuteAll', 'end', 'dial', 'promote', 'demote', 'record', 'stopRecord'] as const;
export type CommandAction = (typeof COMMAND_ACTIONS)[number];
export const COMMAND_STATUSES = ['pending', 'done', 'failed'] as const;

/** A web process asks the sip process that owns a conference to act (L-2); that process answers on the row. */
export const conferenceCommands = pgTable(
  'conference_commands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    sipInstance: text('sip_instance').notNull(),
    action: text('action', { enum: COMMAND_ACTIONS }).notNull(),
    participantId: uuid('participant_id'),
    // Action arguments, e.g. { number } for dial.
    args: jsonb('args').notNull().default({}),
    // Who asked, as the action log shows it: { kind: 'user'|'link'|'api', id }.
    requestedBy: jsonb('requested_by').notNull(),
    status: text('status', { enum: COMMAND_STATUSES }).notNull().default('pending'),
    // { result: 'ok'|'dialing'|'participant-left'|'conference-ended'|'failed', message? }
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('conference_commands_pending').on(t.sipInstance, t.status, t.createdAt), index('conference_commands_conference').on(t.conferenceId, t.createdAt), index('conference_commands_created').on(t.createdAt)],
);

export const LINK_KINDS = ['track', 'control'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** L-3 public tracking / control URL of a room: only a hash of the token is kept. */
export const roomLinks = pgTable(
  'room_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LINK_KINDS }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('room_links_token').on(t.tokenHash), uniqueIndex('room_links_room_kind').on(t.roomId, t.kind)],
);

export type ConferenceEvent = typeof conferenceEvents.$inferSelect;
export type ConferenceCommand = typeof conferenceCommands.$inferSelect;
export type RoomLink = typeof roomLinks.$inferSelect;
