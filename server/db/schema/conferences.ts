import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { rooms } from './rooms';

export const CONFERENCE_KINDS = ['room', 'adhoc'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];
export const PARTICIPANT_ROLES = ['participant', 'moderator', 'organizer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const LEG_DIRECTIONS = ['inbound', 'outbound'] as const;

/** One run of a room or of an ad-hoc call (H-1); written when it starts so a crash loses nothing answered. */
export const conferences = pgTable(
  'conferences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    // Kept when the room is deleted: history and billing outlive the room (H-2).
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'set null' }),
    roomNumber: text('room_number'),
    kind: text('kind', { enum: CONFERENCE_KINDS }).notNull(),
    organizerExtension: text('organizer_extension'),
    // The FreeSWITCH that mixes it and the sip process that controls it (ARCHITECTURE: scale-out).
    mediaServer: text('media_server').notNull(),
    sipInstance: text('sip_instance').notNull(),
    mediaName: text('media_name').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    // Live state (C-5, C-6), written as it changes so the live page and history can read it.
    locked: boolean('locked').notNull().default(false),
    // C-5 *4: music for everyone, nobody hears anyone; *5: join and leave tones (C-2) on or off.
    paused: boolean('paused').notNull().default(false),
    joinLeaveTones: boolean('join_leave_tones').notNull().default(true),
    // Run by a sip process on the simulated engine (SIP_ENGINE=simulated): recorded, and marked as such.
    simulated: boolean('simulated').notNull().default(false),
    // H-2: written when the conference closes, by the billing rule (server/history/participant-minutes.ts),
    // so a month of 10,000 conferences is listed without reading its 200,000 legs; null while it runs.
    participantCount: integer('participant_count'),
    participantMinutes: integer('participant_minutes'),
  },
  (t) => [
    index('conferences_tenant_started').on(t.tenantId, t.startedAt),
    index('conferences_room_open').on(t.roomId, t.endedAt),
    index('conferences_instance_open').on(t.sipInstance, t.endedAt),
    // L-1: the tenant's running conferences (live list, the portal's "live now" entry on every page).
    index('conferences_tenant_running')
      .on(t.tenantId)
      .where(sql`ended_at is null`),
  ],
);

/** One call leg inside a conference; callerNumber null means the caller hid it. */
export const participants = pgTable(
  'participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
    // The SIP dialog as drachtio-server names it: a restarted sip process BYEs the legs its
    // previous run left in conferences through it (drachtio-server keeps dialogs across app restarts).
    sipDialogId: text('sip_dialog_id'),
    callerNumber: text('caller_number'),
    callerName: text('caller_name'),
    role: text('role', { enum: PARTICIPANT_ROLES }).notNull(),
    direction: text('direction', { enum: LEG_DIRECTIONS }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    endReason: text('end_reason'),
    // Live state (C-4, C-5, L-1), written as it changes.
    muted: boolean('muted').notNull().default(false),
    talking: boolean('talking').notNull().default(false),
    handRaised: boolean('hand_raised').notNull().default(false),
  },
  (t) => [index('participants_conference').on(t.conferenceId)],
);

export const ACTION_SOURCES = ['user', 'link', 'keypad', 'api'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];

/**
 * The action log of a conference (L-2, H-2): every control action, from the keypad, the live page,
 * a control link or the API, with who did it and how it ended.
 */
export const conferenceActions = pgTable(
  'conference_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    participantId: uuid('participant_id').references(() => participants.id, { onDelete: 'set null' }),
    byKind: text('by_kind', { enum: ACTION_SOURCES }).notNull(),
    // The user id, the link kind, or the participant id of the keypad that did it.
    byId: text('by_id'),
    result: text('result').notNull(),
  },
  (t) => [index('conference_actions_conference').on(t.conferenceId, t.at)],
);

export const WRONG_ATTEMPT_KINDS = ['pin', 'room-number'] as const;
export type WrongAttemptKind = (typeof WRONG_ATTEMPT_KINDS)[number];

/**
 * Wrong PINs and unknown room numbers typed at the portal, in the database so the D-5 throttle
 * holds across sip processes: per caller (number, or the tenant's hidden callers together) and per
 * room. An unknown room number has no room.
 */
export const pinAttempts = pgTable(
  'pin_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: WRONG_ATTEMPT_KINDS }).notNull().default('pin'),
    callerNumber: text('caller_number'),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('pin_attempts_room_time').on(t.roomId, t.attemptedAt),
    index('pin_attempts_caller_time').on(t.tenantId, t.callerNumber, t.attemptedAt),
  ],
);

export type Conference = typeof conferences.$inferSelect;
export type Participant = typeof participants.$inferSelect;
export type ConferenceAction = typeof conferenceActions.$inferSelect;
