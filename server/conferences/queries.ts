import { and, asc, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { isUuid } from '@/server/lib/ids';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { conferenceActions, conferences, extensions, participants, rooms, tenants, type Conference, type ConferenceAction, type Participant } from '@/server/db/schema';
import { conferenceTotalsSql, legMinutes, legSeconds, monthRange } from '@/server/history/participant-minutes';
import { NotFoundError } from '@/server/lib/errors';
import { parseInput } from '@/server/lib/validation';
import { recordingView } from '@/server/recordings/schemas';
import { recordingsOf } from '@/server/recordings/service';
import { SIMULATED_MEDIA_SERVER } from './records';
import {
  conferenceListQuerySchema,
  type ActionView,
  type ConferenceListQuery,
  type ConferenceListView,
  type ConferenceSummaryView,
  type ConferenceView,
  type ParticipantView,
} from './schemas';


type ConferenceRow = Pick<Conference, 'id' | 'kind' | 'roomId' | 'roomNumber' | 'organizerExtension' | 'startedAt' | 'endedAt' | 'endReason' | 'simulated'> & {
  roomName: string | null;
};

/** The columns a summary shows: a month of 10,000 conferences reads nothing else. */
const summaryColumns = {
  id: conferences.id,
  kind: conferences.kind,
  roomId: conferences.roomId,
  roomNumber: conferences.roomNumber,
  organizerExtension: conferences.organizerExtension,
  startedAt: conferences.startedAt,
  endedAt: conferences.endedAt,
  endReason: conferences.endReason,
  simulated: conferences.simulated,
  roomName: rooms.name,
};

/**
 * H-2: what history shows this actor. Admins see the whole tenant; a subscriber sees the
 * conferences of the rooms they organize and the ad-hoc calls started from their extensions.
 */
export function visibleConferences(actor: Actor): SQL | undefined {
  if (isAdmin(actor)) return eq(conferences.tenantId, actor.tenantId);
  return and(
    eq(conferences.tenantId, actor.tenantId),
    or(
      inArray(conferences.roomId, db().select({ id: rooms.id }).from(rooms).where(and(eq(rooms.tenantId, actor.tenantId), eq(rooms.organizerId, actor.userId)))),
      and(
        eq(conferences.kind, 'adhoc'),
        inArray(
          conferences.organizerExtension,
          db().select({ number: extensions.number }).from(extensions).where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.userId, actor.userId))),
        ),
      ),
    ),
  );
}

/**
 * The conferences of a month as history counts them, within `scope` (what an actor sees, or a
 * whole tenant for the operator), `call simulate` left out.
 */
export function monthConferences(scope: SQL | undefined, range: { from: Date; to: Date }): SQL | undefined {
  return and(
    scope,
    gte(conferences.startedAt, range.from),
    lt(conferences.startedAt, range.to),
    // An operator's `call simulate` must not show up in the tenant's history or bill.
    ne(conferences.mediaServer, SIMULATED_MEDIA_SERVER),
  );
}

export async function tenantOf(tenantId: string) {
  if (!isUuid(tenantId)) throw new NotFoundError('Tenant');
  const [tenant] = await db().select({ name: tenants.name, timezone: tenants.timezone, language: tenants.language }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new NotFoundError('Tenant');
  return tenant;
}

/** H-2: the conferences started in that month (tenant time zone), newest first, with totals. */
export async function listConferences(actor: Actor, query: ConferenceListQuery, now: Date): Promise<ConferenceListView> {
  const { month } = parseInput(conferenceListQuerySchema, query);
  return monthList(actor.tenantId, visibleConferences(actor), month, now);
}

/** API-3 `history month --tenant-id`: the operator reads a whole tenant's month. */
export async function tenantMonth(tenantId: string, query: ConferenceListQuery, now: Date): Promise<ConferenceListView> {
  const { month } = parseInput(conferenceListQuerySchema, query);
  return monthList(tenantId, eq(conferences.tenantId, tenantId), month, now);
}

async function monthList(tenantId: string, scope: SQL | undefined, month: string, now: Date): Promise<ConferenceListView> {
  const tenant = await tenantOf(tenantId);
  const rows = await monthRows(scope, monthRange(month, tenant.timezone), now);
  const items = rows.map((row) => summary(row, row.participantCount, row.participantMinutes, now));
  return {
    month,
    items,
    totals: { conferences: items.length, participantMinutes: items.reduce((sum, c) => sum + c.participantMinutes, 0) },
  };
}

/** H-1, H-2, API-2: one conference with its legs and action log; one the actor may not see answers 404 like a missing one (T-1). */
export async function getConference(actor: Actor, conferenceId: string, now: Date): Promise<ConferenceView> {
  if (!isUuid(conferenceId)) throw new NotFoundError('Conference');
  const [row] = await conferenceRows(and(eq(conferences.id, conferenceId), visibleConferences(actor)));
  if (!row) throw new NotFoundError('Conference');
  const [legs, actions, recorded] = await Promise.all([legsOf(actor.tenantId, [row.id]), actionsOf(actor.tenantId, row.id), recordingsOf(actor.tenantId, [row.id])]);
  const own = legs.get(row.id) ?? [];
  const minutes = own.reduce((sum, leg) => sum + legMinutes(leg.joinedAt, leg.leftAt, now), 0);
  return { ...summary(row, own.length, minutes, now), ...liveFields(row), participants: own.map((leg) => participantView(leg, now)), actions: actions.map(actionView), recordings: recorded.map(recordingView) };
}

/** L-1: while it runs, a conference says so and whether it is locked (the participants carry their live state). */
const liveFields = (row: Pick<Conference, 'endedAt' | 'locked'>) => ({ live: row.endedAt === null, locked: row.locked });

function conferenceRows(where: SQL | undefined): Promise<(Conference & { roomName: string | null })[]> {
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
  for (const row of rows) {
    const list = byConference.get(row.conferenceId);
    if (list) list.push(row);
    else byConference.set(row.conferenceId, [row]);
  }
  return byConference;
}

function actionsOf(tenantId: string, conferenceId: string): Promise<ConferenceAction[]> {
  return db()
    .select()
    .from(conferenceActions)
    .where(and(eq(conferenceActions.tenantId, tenantId), eq(conferenceActions.conferenceId, conferenceId)))
    .orderBy(asc(conferenceActions.at), sql`${conferenceActions.id}`);
}

/**
 * A month's conferences with their leg counts and participant-minutes (the billing rule, stored
 * on each conference when it closed): the month page of a large tenant never reads its legs.
 */
export function monthRows(scope: SQL | undefined, range: { from: Date; to: Date }, now: Date) {
  const live = conferenceTotalsSql(conferences.id, now);
  return db()
    .select({
      ...summaryColumns,
      // Stored when the conference closed; counted from the legs while it runs (only then).
      participantCount: sql<number>`case when ${conferences.participantCount} is null then ${live.count} else ${conferences.participantCount} end`,
      participantMinutes: sql<number>`case when ${conferences.participantMinutes} is null then ${live.minutes} else ${conferences.participantMinutes} end`,
    })
    .from(conferences)
    .leftJoin(rooms, eq(rooms.id, conferences.roomId))
    .where(monthConferences(scope, range))
    .orderBy(desc(conferences.startedAt));
}

function summary(row: ConferenceRow, participantCount: number, participantMinutes: number, now: Date): ConferenceSummaryView {
  return {
    id: row.id,
    kind: row.kind,
    room: row.kind === 'room' ? { id: row.roomId, roomNumber: row.roomNumber, name: row.roomName } : null,
    organizerExtension: row.organizerExtension,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    endReason: row.endReason,
    inProgress: row.endedAt === null,
    participantCount,
    simulated: row.simulated,
    durationSeconds: legSeconds(row.startedAt, row.endedAt, now),
    participantMinutes,
  };
}

function participantView(leg: Participant, now: Date): ParticipantView {
  return {
    id: leg.id,
    callerNumber: leg.callerNumber,
    callerName: leg.callerName,
    role: leg.role,
    direction: leg.direction,
    joinedAt: leg.joinedAt.toISOString(),
    leftAt: leg.leftAt?.toISOString() ?? null,
    endReason: leg.endReason,
    durationSeconds: legSeconds(leg.joinedAt, leg.leftAt, now),
    participantMinutes: legMinutes(leg.joinedAt, leg.leftAt, now),
    // L-1 live state, under the names of the live API (the tenant's own users see whole numbers).
    number: leg.callerNumber,
    name: leg.callerName,
    muted: leg.muted,
    talking: leg.talking,
    handRaised: leg.handRaised,
  };
}

function actionView(row: ConferenceAction): ActionView {
  return {
    at: row.at.toISOString(),
    action: row.action,
    ...(row.participantId ? { participantId: row.participantId } : {}),
    by: { kind: row.byKind, ...(row.byId ? { id: row.byId } : {}) },
    result: row.result,
  };
}
