import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { rawClient } from '@/server/db/client';
import { conferences, participants, rooms } from '@/server/db/schema';
import { monthConferences } from '@/server/conferences/queries';
import { legMinutesSql, legSecondsSql } from './participant-minutes';

/** One participant leg with its conference's columns: a line of the CSV and of the monthly PDF (H-3). */
export interface LegLine {
  conference_id: string;
  kind: 'room' | 'adhoc';
  room_number: string | null;
  room_name: string | null;
  organizer_extension: string | null;
  conference_started_at: Date;
  conference_ended_at: Date | null;
  conference_end_reason: string | null;
  participant_id: string;
  caller_number: string | null;
  caller_name: string | null;
  role: string;
  direction: string;
  joined_at: Date;
  left_at: Date | null;
  end_reason: string | null;
  duration_seconds: number;
  participant_minutes: number;
}

const dialect = new PgDialect();

/** Rows fetched per round trip: enough to keep the pipe full, few enough to keep memory flat. */
const CURSOR_ROWS = 2_000;

/**
 * H-3: the legs of the month's conferences that the actor may see, oldest conference first, read
 * through a server-side cursor, a batch per round trip: a month of 200,000 legs is never held in
 * memory at once. The figures come from the billing rule (legMinutesSql) like every other total.
 */
export async function* monthLegBatches(scope: SQL | undefined, range: { from: Date; to: Date }, now: Date): AsyncGenerator<LegLine[]> {
  const query = dialect.sqlToQuery(sql`
    select ${conferences.id} as conference_id, ${conferences.kind} as kind, ${conferences.roomNumber} as room_number,
      ${rooms.name} as room_name, ${conferences.organizerExtension} as organizer_extension,
      ${conferences.startedAt} as conference_started_at, ${conferences.endedAt} as conference_ended_at,
      ${conferences.endReason} as conference_end_reason,
      ${participants.id} as participant_id, ${participants.callerNumber} as caller_number, ${participants.callerName} as caller_name,
      ${participants.role} as role, ${participants.direction} as direction, ${participants.joinedAt} as joined_at,
      ${participants.leftAt} as left_at, ${participants.endReason} as end_reason,
      ${legSecondsSql(participants.joinedAt, participants.leftAt, now)}::int as duration_seconds,
      ${legMinutesSql(participants.joinedAt, participants.leftAt, now)} as participant_minutes
    from ${conferences}
    join ${participants} on ${participants.conferenceId} = ${conferences.id} and ${participants.tenantId} = ${conferences.tenantId}
    left join ${rooms} on ${rooms.id} = ${conferences.roomId}
    where ${monthConferences(scope, range)}
    order by ${conferences.startedAt}, ${conferences.id}, ${participants.joinedAt}, ${participants.id}`);
  const cursor = rawClient().unsafe<LegLine[]>(query.sql, query.params as never[]).cursor(CURSOR_ROWS);
  // drizzle's client hands timestamps over as PostgreSQL writes them; drizzle itself reads them so.
  const instant = (value: Date | string | null) => (value === null ? null : new Date(value));
  // In place: a copy per row would be 200,000 more objects for the collector.
  for await (const rows of cursor) {
    for (const row of rows) {
      row.conference_started_at = instant(row.conference_started_at)!;
      row.conference_ended_at = instant(row.conference_ended_at);
      row.joined_at = instant(row.joined_at)!;
      row.left_at = instant(row.left_at);
    }
    yield rows;
  }
}
