import { and, asc, desc, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import { isUuid } from '@/server/lib/ids';
import { DateTime } from 'luxon';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { conferences, participants, rooms, tenants, type Conference, type Participant } from '@/server/db/schema';
import { NotFoundError } from '@/server/lib/errors';
import { parseInput } from '@/server/lib/validation';
import { SIMULATED_MEDIA_SERVER } from './records';
import {
  conferenceListQuerySchema,
  type ConferenceListQuery,
  type ConferenceListView,
  type ConferenceSummaryView,
  type ConferenceView,
  type ParticipantView,
} from './schemas';


type ConferenceRow = Conference & { roomName: string | null };

/** H-2: the tenant's conferences started in that month (tenant time zone), newest first, with totals; simulated calls left out. */
export async function listConferences(actor: Actor, query: ConferenceListQuery, now: Date): Promise<ConferenceListView> {
  const { month } = parseInput(conferenceListQuerySchema, query);
  const [tenant] = await db().select({ timezone: tenants.timezone }).from(tenants).where(eq(tenants.id, actor.tenantId));
  if (!tenant) throw new NotFoundError('Tenant');
  const from = DateTime.fromFormat(month, 'yyyy-MM', { zone: tenant.timezone });
  const rows = await conferenceRows(
    and(
      eq(conferences.tenantId, actor.tenantId),
      gte(conferences.startedAt, from.toJSDate()),
      lt(conferences.startedAt, from.plus({ months: 1 }).toJSDate()),
      // An operator's `call simulate` must not show up in the tenant's history or bill.
      ne(conferences.mediaServer, SIMULATED_MEDIA_SERVER),
    ),
  );
  const legs = await legsOf(actor.tenantId, rows.map((r) => r.id));
  const items = rows.map((row) => summary(row, legs.get(row.id) ?? [], now));
  return {
    month,
    items,
    totals: { conferences: items.length, participantMinutes: items.reduce((sum, c) => sum + c.participantMinutes, 0) },
  };
}

/** H-1, API-2: one conference with its legs; another tenant's id answers 404 like a missing one (T-1). */
export async function getConference(actor: Actor, conferenceId: string, now: Date): Promise<ConferenceView> {
  if (!isUuid(conferenceId)) throw new NotFoundError('Conference');
  const [row] = await conferenceRows(and(eq(conferences.id, conferenceId), eq(conferences.tenantId, actor.tenantId)));
  if (!row) throw new NotFoundError('Conference');
  const legs = (await legsOf(actor.tenantId, [row.id])).get(row.id) ?? [];
  return { ...summary(row, legs, now), ...liveFields(row), participants: legs.map((leg) => participantView(leg, now)) };
}

/** L-1: while it runs, a conference says so and whether it is locked (the participants carry their live state). */
const liveFields = (row: ConferenceRow) => ({ live: row.endedAt === null, locked: row.locked });

function conferenceRows(where: ReturnType<typeof and>): Promise<ConferenceRow[]> {
  return db()
    .select({ conference: conferences, roomName: rooms.name })
    .from(conferences)
    .leftJoin(rooms, eq(rooms.id, conferences.roomId))
    .where(where)
    .orderBy(desc(conferences.startedAt))
    .then((rows) => rows.map((r) => ({ ...r.conference, roomName: r.roomName })));
}

async function legsOf(tenantId: string, conferenceIds: string[]): Promise<Map<string, Participant[]>> {
  const byConference = new Map<string, Participant[]>();
  if (conferenceIds.length === 0) return byConference;
  const rows = await db()
    .select()
    .from(participants)
    .where(and(eq(participants.tenantId, tenantId), inArray(participants.conferenceId, conferenceIds)))
    .orderBy(asc(participants.joinedAt));
  for (const row of rows) byConference.set(row.conferenceId, [...(byConference.get(row.conferenceId) ?? []), row]);
  return byConference;
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
const startedMinutes = (s: number) => Math.ceil(s / 60);

function summary(row: ConferenceRow, legs: Participant[], now: Date): ConferenceSummaryView {
  return {
    id: row.id,
    kind: row.kind,
    room: row.kind === 'room' ? { id: row.roomId, roomNumber: row.roomNumber, name: row.roomName } : null,
    organizerExtension: row.organizerExtension,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    endReason: row.endReason,
    participantCount: legs.length,
    simulated: row.simulated,
    durationSeconds: seconds(row.startedAt, row.endedAt ?? now),
    participantMinutes: legs.reduce((sum, leg) => sum + startedMinutes(seconds(leg.joinedAt, leg.leftAt ?? now)), 0),
  };
}

function participantView(leg: Participant, now: Date): ParticipantView {
  const durationSeconds = seconds(leg.joinedAt, leg.leftAt ?? now);
  return {
    id: leg.id,
    callerNumber: leg.callerNumber,
    callerName: leg.callerName,
    role: leg.role,
    direction: leg.direction,
    joinedAt: leg.joinedAt.toISOString(),
    leftAt: leg.leftAt?.toISOString() ?? null,
    endReason: leg.endReason,
    durationSeconds,
    participantMinutes: startedMinutes(durationSeconds),
    // L-1 live state, under the names of the live API (the tenant's own users see whole numbers).
    number: leg.callerNumber,
    name: leg.callerName,
    muted: leg.muted,
    talking: leg.talking,
    handRaised: leg.handRaised,
  };
}
