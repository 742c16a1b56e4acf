import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { db, type Db } from '@/server/db/client';
import { conferenceEvents, type ConferenceEvent, type ConferenceEventKind } from '@/server/db/schema';

/**
 * Events out (ARCHITECTURE "the live path"): the sip process writes each change of a running
 * conference as a row, and NOTIFYs this channel in the same transaction, so a listener never
 * hears of a row it cannot read, and a row is never written without its wake-up.
 */
export const EVENTS_CHANNEL = 'conference_events';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface NewConferenceEvent {
  tenantId: string;
  conferenceId: string;
  participantId?: string | null;
  kind: ConferenceEventKind;
  payload: Record<string, unknown>;
  at: Date;
}

/** What the NOTIFY carries: enough to route it; listeners read the row for the payload. */
export interface EventNotice {
  id: number;
  tenantId: string;
  conferenceId: string;
  kind: ConferenceEventKind;
}

/**
 * Inserts the event and notifies in one statement. Events of one conference are written one at a
 * time (a transaction-scoped advisory lock on the conference, held to the commit), so their ids
 * grow in commit order: a reader resuming after id N never misses a row committed later with a
 * smaller id. Across conferences no order is promised.
 */
export async function appendConferenceEvent(tx: Tx | Db, ev: NewConferenceEvent): Promise<number> {
  const rows = await tx.execute<{ id: string | number }>(sql`
    with serial as (select pg_advisory_xact_lock(hashtextextended(${`conference-events:${ev.conferenceId}`}, 0))),
    inserted as (
      insert into conference_events (tenant_id, conference_id, participant_id, kind, payload, at)
      select ${ev.tenantId}::uuid, ${ev.conferenceId}::uuid, ${ev.participantId ?? null}::uuid, ${ev.kind}, ${JSON.stringify(ev.payload)}::jsonb, ${ev.at.toISOString()}::timestamptz
      from serial
      returning id
    )
    select id, pg_notify(${EVENTS_CHANNEL}, json_build_object('id', id, 'tenantId', ${ev.tenantId}::text, 'conferenceId', ${ev.conferenceId}::text, 'kind', ${ev.kind}::text)::text)
    from inserted`);
  return Number(rows[0].id);
}

/** The events of one conference after `afterId` (0 for all), oldest first, for a stream resuming (SSE Last-Event-ID). */
export async function eventsSince(input: { tenantId: string; conferenceId: string; afterId: number; limit: number }): Promise<ConferenceEvent[]> {
  return db()
    .select()
    .from(conferenceEvents)
    .where(and(eq(conferenceEvents.tenantId, input.tenantId), eq(conferenceEvents.conferenceId, input.conferenceId), gt(conferenceEvents.id, input.afterId)))
    .orderBy(asc(conferenceEvents.id))
    .limit(input.limit);
}

/** A notice as received on EVENTS_CHANNEL; anything else (another writer, a bad payload) is null. */
export function parseEventNotice(payload: string): EventNotice | null {
  try {
    const notice = JSON.parse(payload) as Partial<EventNotice>;
    if (typeof notice.id !== 'number' || typeof notice.tenantId !== 'string' || typeof notice.conferenceId !== 'string' || typeof notice.kind !== 'string') return null;
    return notice as EventNotice;
  } catch {
    return null;
  }
}

/** A participant as events carry it (L-1): the raw number, null when the caller hid it. */
export interface LiveParticipant {
  id: string;
  number: string | null;
  name: string | null;
  role: string;
  joinedAt: string;
  leftAt: string | null;
  muted: boolean;
  talking: boolean;
  handRaised: boolean;
}

/**
 * participant-joined / -updated / -left with the participant's row as it is now in `tx` (after
 * the change), so an event never says something the row does not.
 */
export async function appendParticipantEvent(
  tx: Tx | Db,
  ev: { tenantId: string; conferenceId: string; participantId: string; kind: 'participant-joined' | 'participant-updated' | 'participant-left'; at: Date; reason?: string },
): Promise<void> {
  const participant = await liveParticipant(tx, ev.tenantId, ev.participantId);
  if (!participant) return;
  const payload: Record<string, unknown> = { participant };
  if (ev.kind === 'participant-left') payload.reason = ev.reason ?? null;
  await appendConferenceEvent(tx, { tenantId: ev.tenantId, conferenceId: ev.conferenceId, participantId: ev.participantId, kind: ev.kind, payload, at: ev.at });
}

async function liveParticipant(tx: Tx | Db, tenantId: string, participantId: string): Promise<LiveParticipant | null> {
  const rows = await tx.execute<{
    id: string;
    caller_number: string | null;
    caller_name: string | null;
    role: string;
    joined_at: string | Date;
    left_at: string | Date | null;
    muted: boolean;
    talking: boolean;
    hand_raised: boolean;
  }>(sql`select id, caller_number, caller_name, role, joined_at, left_at, muted, talking, hand_raised
    from participants where id = ${participantId}::uuid and tenant_id = ${tenantId}::uuid`);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    number: row.caller_number,
    name: row.caller_name,
    role: row.role,
    joinedAt: new Date(row.joined_at).toISOString(),
    leftAt: row.left_at ? new Date(row.left_at).toISOString() : null,
    muted: row.muted,
    talking: row.talking,
    handRaised: row.hand_raised,
  };
}
