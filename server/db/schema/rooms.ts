import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ROOM_OPTION_DEFAULTS as defaults } from '../../rooms/option-defaults';
import { tenants } from './tenants';
import { directoryEntries, extensions, users } from './users';

export const ROOM_KINDS = ['audio', 'ucc'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
export const MEMBER_SOURCES = ['extension', 'directory', 'name'] as const;
export type MemberSource = (typeof MEMBER_SOURCES)[number];

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    organizerId: uuid('organizer_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ROOM_KINDS }).notNull().default('audio'),
    name: text('name').notNull(),
    roomNumber: text('room_number').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    pin: text('pin'),
    moderatorPin: text('moderator_pin'),
    description: text('description'),
    // Room options (C-7, C-8, REC-1, H-5): how the conference behaves inside.
    enterMuted: boolean('enter_muted').notNull().default(defaults.enterMuted),
    waitForModerator: boolean('wait_for_moderator').notNull().default(defaults.waitForModerator),
    endWhenLastModeratorLeaves: boolean('end_when_last_moderator_leaves').notNull().default(defaults.endWhenLastModeratorLeaves),
    announceJoinLeave: boolean('announce_join_leave').notNull().default(defaults.announceJoinLeave),
    announceRecording: boolean('announce_recording').notNull().default(defaults.announceRecording),
    maxParticipants: integer('max_participants').notNull().default(defaults.maxParticipants),
    recordFromStart: boolean('record_from_start').notNull().default(defaults.recordFromStart),
    // 'none', 'organizer' or an email address: who gets the report after each conference (H-5).
    reportRecipient: text('report_recipient').notNull().default(defaults.reportRecipient),
    // H-5: a conference with a single leg gets a report only when the room asks for it.
    reportWhenAlone: boolean('report_when_alone').notNull().default(defaults.reportWhenAlone),
    // The name as the rooms search compares it (accents and case aside), kept by PostgreSQL with
    // search_text() from migration 0008_search_sql, so a search does not unaccent every row.
    searchName: text('search_name').generatedAlwaysAs(sql`search_text(name)`),
    // Raised on every change of a fact printed in the invitation: emails belong to one version (E-3, R-7, M-5).
    scheduleVersion: integer('schedule_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('rooms_tenant_room_number').on(t.tenantId, t.roomNumber),
    index('rooms_tenant_starts_at').on(t.tenantId, t.startsAt),
    // The organizer part of the rooms search (server/rooms/search.ts).
    index('rooms_tenant_organizer').on(t.tenantId, t.organizerId),
    index('rooms_search_name').using('gin', t.searchName.op('gin_trgm_ops')),
  ],
);

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    source: text('source', { enum: MEMBER_SOURCES }).notNull(),
    extensionId: uuid('extension_id').references(() => extensions.id, { onDelete: 'set null' }),
    directoryEntryId: uuid('directory_entry_id').references(() => directoryEntries.id, { onDelete: 'set null' }),
    // Copied at add time: a member keeps the name it was invited under (M-2).
    extension: text('extension'),
    name: text('name').notNull(),
    email: text('email'),
    sendEmail: boolean('send_email').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('members_room').on(t.roomId)],
);

export type Room = typeof rooms.$inferSelect;
export type Member = typeof members.$inferSelect;
