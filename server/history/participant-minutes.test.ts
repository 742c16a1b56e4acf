import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { useTestDatabase } from '@/test/database';
import { legMinutes, legMinutesSql, legSeconds, minutesOf, monthRange } from './participant-minutes';

useTestDatabase();

const at = (iso: string) => new Date(iso);
const NOW = at('2026-04-30T12:00:00Z');

/** Legs with known answers: [what, joined, left (null: still in), seconds, minutes]. */
const FIXTURES: [string, string, string | null, number, number][] = [
  ['exactly one minute', '2026-04-10T08:00:00Z', '2026-04-10T08:01:00Z', 60, 1],
  ['one second more bills a second minute', '2026-04-10T08:00:00Z', '2026-04-10T08:01:01Z', 61, 2],
  ['a fraction under half a second is no second', '2026-04-10T08:00:00Z', '2026-04-10T08:01:00.400Z', 60, 1],
  ['half a second rounds up to a second, and so a minute', '2026-04-10T08:00:00Z', '2026-04-10T08:01:00.500Z', 61, 2],
  ['a call picked up and dropped at once', '2026-04-10T08:00:00Z', '2026-04-10T08:00:00Z', 0, 0],
  ['across midnight (Paris)', '2026-04-10T21:50:00Z', '2026-04-10T22:20:30Z', 1830, 31],
  ['across the month end (Paris)', '2026-04-30T21:45:00Z', '2026-04-30T22:15:00Z', 1800, 30],
  // 29 March 2026, 02:00 Paris became 03:00: 01:30 → 03:30 on the wall is one hour of call.
  ['across the spring DST change', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', 3600, 60],
  // 25 October 2026, 03:00 Paris became 02:00: 02:30 (first) → 02:30 (second) is one hour.
  ['across the autumn DST change', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', 3600, 60],
  ['still in the conference: up to now', '2026-04-30T11:58:30Z', null, 90, 2],
  ['a leg that left before it joined (clock skew) bills nothing', '2026-04-10T08:00:05Z', '2026-04-10T08:00:00Z', 0, 0],
];

describe('participant-minutes, the billing rule (H-2)', () => {
  it.each(FIXTURES)('%s', (_what, joined, left, seconds, minutes) => {
    expect(legSeconds(at(joined), left ? at(left) : null, NOW)).toBe(seconds);
    expect(legMinutes(at(joined), left ? at(left) : null, NOW)).toBe(minutes);
    expect(minutesOf(seconds)).toBe(minutes);
  });

  it('gives the same answer in PostgreSQL as in TypeScript, leg by leg', async () => {
    const rows = FIXTURES.map(([, joined, left]) => sql`(${joined}::timestamptz, ${left}::timestamptz)`);
    const answer = await db().execute<{ minutes: number }>(
      sql`select ${legMinutesSql(sql.raw('j'), sql.raw('l'), NOW)} as minutes from (values ${sql.join(rows, sql`, `)}) as legs(j, l)`,
    );
    expect(answer.map((r) => Number(r.minutes))).toEqual(FIXTURES.map(([, , , , minutes]) => minutes));
  });

  it('reads a month between two local midnights of the tenant, DST included', () => {
    expect(monthRange('2026-04', 'Europe/Paris')).toEqual({ from: at('2026-03-31T22:00:00Z'), to: at('2026-04-30T22:00:00Z') });
    // March starts in winter time (+01:00) and ends in summer time (+02:00).
    expect(monthRange('2026-03', 'Europe/Paris')).toEqual({ from: at('2026-02-28T23:00:00Z'), to: at('2026-03-31T22:00:00Z') });
    expect(monthRange('2026-12', 'America/New_York')).toEqual({ from: at('2026-12-01T05:00:00Z'), to: at('2027-01-01T05:00:00Z') });
  });
});
