import { and, asc, count, desc, eq, inArray, isNull, max, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '@/server/auth/actor';
import { isUuid } from '@/server/lib/ids';
import { db } from '@/server/db/client';
import { conferenceActions, conferenceEvents, conferences, participants, recordings, rooms, users, type ConferenceEvent, type Participant } from '@/server/db/schema';
import { ACTION_SOURCES, PARTICIPANT_ROLES } from '@/server/db/schema/conferences';
import { SIMULATED_MEDIA_SERVER } from '@/server/conferences/records';
import type { LiveAccess } from './access';
import { maskNumber } from './mask';

/**
 * What the live page, the live API fields and the event stream show of a running conference
 * (L-1): read from the state the sip process writes, the numbers masked on the way out when the
 * viewer is a public link (L-3).
 */
const instant = z.iso.datetime({ offset: true });

export const liveParticipantSchema = z
  .object({
    id: z.uuid(),
    /** null: the caller hid the number ("hidden number"); masked but for the last 4 digits on public links. */
    number: z.string().nullable(),
    name: z.string().nullable().optional(),
    role: z.enum(PARTICIPANT_ROLES),
    joinedAt: instant,
    leftAt: instant.nullable().optional(),
    muted: z.boolean(),
    talking: z.boolean(),
    handRaised: z.boolean(),
  })
  .meta({ id: 'LiveParticipant' });
export type LiveParticipant = z.output<typeof liveParticipantSchema>;

export const actionBySchema = z.object({ kind: z.enum(ACTION_SOURCES), id: z.string().nullable().optional() });

export const actionLineSchema = z
  .object({ at: instant, action: z.string(), participantId: z.uuid().nullable().optional(), by: actionBySchema, result: z.string() })
  .meta({ id: 'ActionLine' });
export type ActionLineView = z.output<typeof actionLineSchema>;

export const liveConferenceSchema = z
  .object({
    id: z.uuid(),
    roomId: z.uuid().nullable(),
    roomNumber: z.string().nullable(),
    roomName: z.string().nullable(),
    startedAt: instant,
    locked: z.boolean(),
    paused: z.boolean(),
    joinLeaveTones: z.boolean(),
    // REC-1: a recording is running now.
    recording: z.boolean(),
    simulated: z.boolean(),
    participants: z.array(liveParticipantSchema),
  })
  .meta({ id: 'LiveConference' });
export type LiveConference = z.output<typeof liveConferenceSchema>;

export const liveListSchema = z.object({ items: z.array(liveConferenceSchema) }).meta({ id: 'LiveConferenceList' });

/** The raw participant as the sip process writes it in event payloads and in the table. */
export interface RawParticipant {
  id: string;
  number: string | null;
  name?: string | null;
  role: (typeof PARTICIPANT_ROLES)[number];
  joinedAt: string;
  leftAt?: string | null;
  muted: boolean;
  talking: boolean;
  handRaised: boolean;
}

export const participantOut = (p: RawParticipant, mask: boolean): LiveParticipant => ({
  id: p.id,
  number: maskNumber(p.number ?? null, mask),
  name: p.name ?? null,
  role: p.role,
  joinedAt: p.joinedAt,
  leftAt: p.leftAt ?? null,
  muted: Boolean(p.muted),
  talking: Boolean(p.talking),
  handRaised: Boolean(p.handRaised),
});

const fromRow = (p: Participant): RawParticipant => ({
  id: p.id,
  number: p.callerNumber,
  name: p.callerName,
  role: p.role,
  joinedAt: p.joinedAt.toISOString(),
  leftAt: p.leftAt?.toISOString() ?? null,
  muted: p.muted,
  talking: p.talking,
  handRaised: p.handRaised,
});

/** The id of the last event written so far; a stream resuming from it misses nothing after the snapshot. */
export async function lastEventId(tenantId: string, conferenceId: string): Promise<number> {
  const [row] = await db()
    .select({ id: max(conferenceEvents.id) })
    .from(conferenceEvents)
    .where(and(eq(conferenceEvents.tenantId, tenantId), eq(conferenceEvents.conferenceId, conferenceId)));
  return Number(row?.id ?? 0);
}

/** The participants still in, as the table has them. */
async function presentParticipants(tenantId: string, conferenceIds: string[]): Promise<Map<string, RawParticipant[]>> {
  const byConference = new Map<string, RawParticipant[]>();
  if (conferenceIds.length === 0) return byConference;
  const rows = await db()
    .select()
    .from(participants)
    .where(and(eq(participants.tenantId, tenantId), inArray(participants.conferenceId, conferenceIds), isNull(participants.leftAt)))
    .orderBy(asc(participants.joinedAt));
  for (const row of rows) byConference.set(row.conferenceId, [...(byConference.get(row.conferenceId) ?? []), fromRow(row)]);
  return byConference;
}

/**
 * The snapshot a page starts from, and the event id its stream resumes after. The id is read
 * first: an event written meanwhile is then both in the snapshot and replayed, which is
 * harmless because every event carries the whole state of what it is about.
 */
export async function liveSnapshot(access: LiveAccess): Promise<{ conference: LiveConference; lastEventId: number; ended: boolean; actions: ActionLineView[] }> {
  const after = await lastEventId(access.tenantId, access.conference.id);
  const [rows, present, actions] = await Promise.all([
    liveRows(and(eq(conferences.tenantId, access.tenantId), eq(conferences.id, access.conference.id))),
    presentParticipants(access.tenantId, [access.conference.id]),
    actionLog(access.tenantId, access.conference.id),
  ]);
  const row = rows[0];
  return {
    conference: liveView(row, present.get(row.id) ?? [], access.mask),
    lastEventId: after,
    ended: row.endedAt !== null,
    actions: access.isPublic ? actions.map(publicLine) : actions,
  };
}

/** `GET /api/v1/conferences/live`: the tenant's running conferences (operator diagnoses left out). */
export async function listLiveConferences(actor: Actor): Promise<{ items: LiveConference[] }> {
  const rows = await liveRows(and(eq(conferences.tenantId, actor.tenantId), isNull(conferences.endedAt), ne(conferences.mediaServer, SIMULATED_MEDIA_SERVER)));
  const present = await presentParticipants(actor.tenantId, rows.map((r) => r.id));
  return { items: rows.map((row) => liveView(row, present.get(row.id) ?? [], false)) };
}

type LiveRow = Awaited<ReturnType<typeof liveRows>>[number];

function liveRows(where: ReturnType<typeof and>) {
  return db()
    .select({
      id: conferences.id,
      roomId: conferences.roomId,
      roomNumber: conferences.roomNumber,
      roomName: rooms.name,
      startedAt: conferences.startedAt,
      endedAt: conferences.endedAt,
      locked: conferences.locked,
      paused: conferences.paused,
      joinLeaveTones: conferences.joinLeaveTones,
      simulated: conferences.simulated,
      recording: sql<boolean>`exists (select 1 from ${recordings} where ${recordings.tenantId} = ${conferences.tenantId} and ${recordings.conferenceId} = ${conferences.id} and ${recordings.state} = 'recording')`,
    })
    .from(conferences)
    .leftJoin(rooms, and(eq(rooms.id, conferences.roomId), eq(rooms.tenantId, conferences.tenantId)))
    .where(where)
    .orderBy(desc(conferences.startedAt));
}

function liveView(row: LiveRow, present: RawParticipant[], mask: boolean): LiveConference {
  return {
    id: row.id,
    roomId: row.roomId,
    roomNumber: row.roomNumber,
    roomName: row.roomName,
    startedAt: row.startedAt.toISOString(),
    locked: row.locked,
    paused: row.paused,
    joinLeaveTones: row.joinLeaveTones,
    recording: row.recording,
    simulated: row.simulated,
    participants: present.map((p) => participantOut(p, mask)),
  };
}

/** The action log of the conference, oldest first (L-2). */
export async function actionLog(tenantId: string, conferenceId: string): Promise<ActionLineView[]> {
  const rows = await db()
    .select()
    .from(conferenceActions)
    .where(and(eq(conferenceActions.tenantId, tenantId), eq(conferenceActions.conferenceId, conferenceId)))
    .orderBy(asc(conferenceActions.at));
  return rows.map((r) => ({ at: r.at.toISOString(), action: r.action, participantId: r.participantId, by: { kind: r.byKind, id: r.byId }, result: r.result }));
}

/** A public page learns who acted by kind only: user ids are the tenant's business. */
const publicLine = (line: ActionLineView): ActionLineView => ({ ...line, by: { kind: line.by.kind, id: line.by.kind === 'user' || line.by.kind === 'api' ? null : line.by.id } });

/** The integrator's stream (Contract) names only these; the page's own stream adds the action log and dial progress. */
export const API_EVENT_NAMES = ['participant.joined', 'participant.left', 'participant.updated', 'conference.updated', 'conference.ended'] as const;
export type StreamEventName = (typeof API_EVENT_NAMES)[number] | 'action' | 'dial.progress';

export interface StreamEvent {
  id: number;
  event: StreamEventName;
  data: Record<string, unknown>;
}

/** One event row → what a stream sends; null for what that stream does not carry. */
export function streamEvent(row: ConferenceEvent, options: { mask: boolean; isPublic: boolean; page: boolean }): StreamEvent | null {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  const base = { conferenceId: row.conferenceId };
  const participant = payload.participant as RawParticipant | undefined;
  switch (row.kind) {
    case 'participant-joined':
    case 'participant-updated':
    case 'participant-left': {
      if (!participant) return null;
      const event = row.kind === 'participant-joined' ? 'participant.joined' : row.kind === 'participant-left' ? 'participant.left' : 'participant.updated';
      const data: Record<string, unknown> = { ...base, participant: participantOut(participant, options.mask) };
      if (row.kind === 'participant-left') data.reason = payload.reason ?? null;
      return { id: row.id, event, data };
    }
    case 'conference-updated':
      return { id: row.id, event: 'conference.updated', data: { ...base, locked: payload.locked, paused: payload.paused, joinLeaveTones: payload.joinLeaveTones, ...(typeof payload.recording === 'boolean' ? { recording: payload.recording } : {}) } };
    case 'conference-ended':
      return { id: row.id, event: 'conference.ended', data: { ...base, endedAt: payload.endedAt ?? row.at.toISOString(), reason: payload.reason ?? null } };
    case 'action': {
      if (!options.page) return null;
      const line = payload as unknown as ActionLineView;
      const view: ActionLineView = { at: line.at, action: line.action, participantId: line.participantId ?? null, by: line.by, result: line.result };
      return { id: row.id, event: 'action', data: { ...base, ...(options.isPublic ? publicLine(view) : view) } };
    }
    case 'dial-progress':
      if (!options.page) return null;
      return { id: row.id, event: 'dial.progress', data: { ...base, number: maskNumber((payload.number as string) ?? null, options.mask), state: payload.state, participantId: payload.participantId ?? null } };
    default:
      return null;
  }
}

/** The portal's action log names the tenant's users who acted. */
export async function userNames(tenantId: string, lines: ActionLineView[]): Promise<Record<string, string>> {
  const ids = [...new Set(lines.filter((l) => (l.by.kind === 'user' || l.by.kind === 'api') && l.by.id).map((l) => l.by.id as string))].filter(isUuid);
  if (ids.length === 0) return {};
  const rows = await db().select({ id: users.id, name: users.name }).from(users).where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)));
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/** How many conferences run now (the portal's "live now" navigation entry shows when there are). */
export async function countLiveConferences(actor: Actor): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(conferences)
    .where(and(eq(conferences.tenantId, actor.tenantId), isNull(conferences.endedAt), ne(conferences.mediaServer, SIMULATED_MEDIA_SERVER)));
  return Number(row?.n ?? 0);
}
