import { sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';

/**
 * H-2, the billing unit, in one place: a leg lasts its whole seconds (rounded to the nearest
 * second, as a CDR holds them) and bills its started minutes, rounded up per leg (61 s bill 2
 * minutes); a conference's and a month's participant-minutes are the sums of their legs'. A leg
 * still in a running conference counts up to `now`, and its conference is marked in progress.
 * Every figure of the product (list, detail, exports, PDF, usage, report email, CLI) comes from
 * these functions or from `legMinutesSql`, which is the same rule for PostgreSQL aggregates.
 */
export function legSeconds(joinedAt: Date, leftAt: Date | null, now: Date): number {
  return Math.max(0, Math.round(((leftAt ?? now).getTime() - joinedAt.getTime()) / 1000));
}

export function minutesOf(seconds: number): number {
  return Math.ceil(seconds / 60);
}

export function legMinutes(joinedAt: Date, leftAt: Date | null, now: Date): number {
  return minutesOf(legSeconds(joinedAt, leftAt, now));
}

/**
 * The same rule in SQL, for totals over a whole month without loading its legs. In double
 * precision (numeric arithmetic costs several times more over 200,000 legs); `floor(x + 0.5)` is
 * Math.round for the positive durations that matter, where PostgreSQL's round() of a double would
 * round half to even. Negative durations are clamped to 0 by both.
 */
export function legSecondsSql(joinedAt: SQL | unknown, leftAt: SQL | unknown, now: Date): SQL<number> {
  return sql<number>`greatest(0, floor(date_part('epoch', coalesce(${leftAt}, ${now.toISOString()}::timestamptz) - ${joinedAt}) + 0.5))`;
}

export function legMinutesSql(joinedAt: SQL | unknown, leftAt: SQL | unknown, now: Date): SQL<number> {
  return sql<number>`ceil(${legSecondsSql(joinedAt, leftAt, now)} / 60)::int`;
}

/**
 * A month is read in the tenant's time zone: its conferences are those that started between
 * its first local midnight and the next month's. A leg that crosses midnight or the month's end
 * is counted whole in the month where its conference started.
 */
export function monthRange(month: string, timezone: string): { from: Date; to: Date } {
  const from = DateTime.fromFormat(month, 'yyyy-MM', { zone: timezone });
  return { from: from.toJSDate(), to: from.plus({ months: 1 }).toJSDate() };
}

/**
 * A conference's leg count and participant-minutes as PostgreSQL computes them from its legs, for
 * `conferenceId` a column or value of the outer query: stored on the row when it closes, and
 * computed live for a conference still running.
 */
export function conferenceTotalsSql(conferenceId: SQL | unknown, now: Date): { count: SQL<number>; minutes: SQL<number> } {
  return {
    count: sql<number>`(select count(*)::int from participants p where p.conference_id = ${conferenceId})`,
    minutes: sql<number>`(select coalesce(sum(${legMinutesSql(sql.raw('p.joined_at'), sql.raw('p.left_at'), now)}), 0)::int from participants p where p.conference_id = ${conferenceId})`,
  };
}
