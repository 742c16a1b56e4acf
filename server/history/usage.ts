import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { monthConferences, tenantOf } from '@/server/conferences/queries';
import { db } from '@/server/db/client';
import { conferences, rooms, tenants } from '@/server/db/schema';
import { ForbiddenError } from '@/server/lib/errors';
import { parseInput } from '@/server/lib/validation';
import { conferenceTotalsSql, monthRange } from './participant-minutes';
import { monthQuerySchema, type MonthQuery, type UsageView } from './schemas';

const adhocExtension = (c: { kind: unknown; organizerExtension: unknown }) =>
  sql<string | null>`case when ${c.kind} = 'adhoc' then ${c.organizerExtension} end`;

/**
 * Per conference of the month, its participant-minutes (stored when it closed, counted from the
 * legs while it runs): the usage figures are sums over it, and no leg is read for a closed month.
 */
function perConference(scope: SQL, range: { from: Date; to: Date }, timezone: string, now: Date) {
  const live = conferenceTotalsSql(conferences.id, now);
  return db()
    .select({
      kind: conferences.kind,
      roomId: conferences.roomId,
      roomNumber: conferences.roomNumber,
      organizerExtension: conferences.organizerExtension,
      day: sql<string>`to_char(${conferences.startedAt} at time zone ${timezone}, 'YYYY-MM-DD')`.as('day'),
      minutes: sql<number>`case when ${conferences.participantMinutes} is null then ${live.minutes} else ${conferences.participantMinutes} end`.as('minutes'),
    })
    .from(conferences)
    .where(monthConferences(scope, range))
    .as('per_conference');
}

/**
 * H-4: a tenant's month per room (ad-hoc calls per organizer extension, `roomId` null), per day
 * (tenant time zone) and in total. A deleted room keeps its line under its room number.
 */
export async function tenantUsage(tenantId: string, month: string, now: Date): Promise<UsageView> {
  const tenant = await tenantOf(tenantId);
  const range = monthRange(month, tenant.timezone);
  const c = perConference(eq(conferences.tenantId, tenantId), range, tenant.timezone, now);
  const [lines, days] = await Promise.all([
    db()
      .select({
        kind: c.kind,
        roomId: c.roomId,
        roomNumber: c.roomNumber,
        name: rooms.name,
        organizerExtension: adhocExtension(c),
        conferences: sql<number>`count(*)::int`,
        participantMinutes: sql<number>`sum(${c.minutes})::int`,
      })
      .from(c)
      .leftJoin(rooms, eq(rooms.id, c.roomId))
      .groupBy(c.kind, c.roomId, c.roomNumber, rooms.name, adhocExtension(c))
      .orderBy(desc(c.kind), asc(c.roomNumber), asc(adhocExtension(c))),
    db()
      .select({ date: c.day, conferences: sql<number>`count(*)::int`, participantMinutes: sql<number>`sum(${c.minutes})::int` })
      .from(c)
      .groupBy(c.day),
  ]);
  const byDay = new Map(days.map((d) => [d.date, d]));
  const first = DateTime.fromJSDate(range.from, { zone: tenant.timezone });
  const allDays = Array.from({ length: first.daysInMonth! }, (_, i) => {
    const date = first.plus({ days: i }).toISODate()!;
    return { date, conferences: byDay.get(date)?.conferences ?? 0, participantMinutes: byDay.get(date)?.participantMinutes ?? 0 };
  });
  return {
    month,
    rooms: lines.map((line) => ({ ...line, roomNumber: line.kind === 'room' ? line.roomNumber : null, name: line.kind === 'room' ? line.name : null })),
    days: allDays,
    total: {
      conferences: lines.reduce((sum, line) => sum + line.conferences, 0),
      participantMinutes: lines.reduce((sum, line) => sum + line.participantMinutes, 0),
    },
  };
}

/** H-4 `GET /api/v1/usage?month=`: tenant admins only. */
export async function usage(actor: Actor, query: MonthQuery, now: Date): Promise<UsageView> {
  const { month } = parseInput(monthQuerySchema, query);
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may see the usage of the whole tenant');
  return tenantUsage(actor.tenantId, month, now);
}

/** API-3 `usage --month`: what the operator bills, per tenant, each month read in its tenant's zone. */
export async function platformUsage(query: MonthQuery, now: Date) {
  const { month } = parseInput(monthQuerySchema, query);
  const all = await db().select({ id: tenants.id, name: tenants.name }).from(tenants).orderBy(asc(tenants.name), asc(tenants.id));
  const items = [];
  for (const tenant of all) {
    const { total } = await tenantUsage(tenant.id, month, now);
    items.push({ tenantId: tenant.id, name: tenant.name, ...total });
  }
  return {
    month,
    tenants: items,
    total: { conferences: items.reduce((s, t) => s + t.conferences, 0), participantMinutes: items.reduce((s, t) => s + t.participantMinutes, 0) },
  };
}
