import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import { rooms, tenants, users } from '@/server/db/schema';
import type { RoomStatus } from './rules/window';
import { DAY_PATTERN, type RoomListFilter } from './schemas';

export interface RoomSearch {
  tenantId: string;
  /** The list's older filter: `upcoming` is every room not expired yet. */
  filter: RoomListFilter;
  q?: string;
  status?: RoomStatus;
  from?: string;
  to?: string;
  now: Date;
  limit: number;
  offset: number;
}

const MAX_WORDS = 5;
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// R-4 in SQL, with the tenant's early join from the joined row; the rows' status itself still
// comes from roomWindow through toRoomView.
const opensAt = sql`${rooms.startsAt} - ${tenants.earlyJoinMinutes} * interval '1 minute'`;
const closesAt = sql`${rooms.startsAt} + ${rooms.durationMinutes} * interval '1 minute'`;

function statusIs(status: RoomStatus | 'notExpired', now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  if (status === 'scheduled') return sql`${opensAt} > ${at}`;
  if (status === 'open') return sql`${opensAt} <= ${at} and ${closesAt} > ${at}`;
  if (status === 'notExpired') return sql`${closesAt} > ${at}`;
  return sql`${closesAt} <= ${at}`;
}

/**
 * Every word is in the name, the room number or the organizer's name, whatever its accents and
 * case (rooms.search_name, kept with search_text from migration 0005). The organizers a word
 * names are found first, among the tenant's few users, so that each word is three indexed
 * conditions on rooms alone (two trigram indexes and rooms_tenant_organizer) and PostgreSQL can
 * combine them without reading every room.
 */
async function wordsMatch(database: Db, tenantId: string, q: string): Promise<SQL> {
  const words = q.split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  const namesWord = (word: string) => sql`search_text(${users.name}) like search_text(${containing(word)})`;
  // One round trip: each user of the tenant with, per word, whether it is in the user's name.
  const people = await database
    .select({ id: users.id, ...Object.fromEntries(words.map((word, i) => [`w${i}`, sql<boolean>`${namesWord(word)}`])) })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), or(...words.map(namesWord))));
  return and(
    ...words.map((word, i) => {
      const organizers = people.filter((person) => (person as Record<string, unknown>)[`w${i}`] === true).map((person) => person.id);
      return or(
        sql`${rooms.searchName} like search_text(${containing(word)})`,
        sql`${rooms.roomNumber} like ${containing(word)}`,
        organizers.length > 0 ? inArray(rooms.organizerId, organizers) : undefined,
      );
    }),
  )!;
}

/** A day is read in the tenant's zone: `from` at its first minute, `to` up to the end of it. */
function startsFrom(bound: string): SQL {
  return DAY_PATTERN.test(bound)
    ? sql`${rooms.startsAt} >= (${bound}::date)::timestamp at time zone ${tenants.timezone}`
    : sql`${rooms.startsAt} >= ${bound}::timestamptz`;
}
function startsUntil(bound: string): SQL {
  return DAY_PATTERN.test(bound)
    ? sql`${rooms.startsAt} < (${bound}::date + 1)::timestamp at time zone ${tenants.timezone}`
    : sql`${rooms.startsAt} < ${bound}::timestamptz`;
}

/**
 * `GET /api/v1/rooms?q=&status=&from=&to=` and the rooms page's search: the filters run in
 * PostgreSQL, on the (tenant, start) index and the trigram indexes, so that they stay fast at
 * 10,000 rooms per tenant (bench/rooms-api). Expired rooms come latest first, the others soonest first.
 */
export async function searchRooms(database: Db, search: RoomSearch) {
  const matching = search.q ? await wordsMatch(database, search.tenantId, search.q) : undefined;
  return database
    .select({ room: rooms, organizerName: users.name, earlyJoin: tenants.earlyJoinMinutes })
    .from(rooms)
    .innerJoin(users, and(eq(users.id, rooms.organizerId), eq(users.tenantId, rooms.tenantId)))
    .innerJoin(tenants, eq(tenants.id, rooms.tenantId))
    .where(
      and(
        eq(rooms.tenantId, search.tenantId),
        matching,
        search.filter === 'all' ? undefined : statusIs(search.filter === 'expired' ? 'expired' : 'notExpired', search.now),
        search.status ? statusIs(search.status, search.now) : undefined,
        search.from ? startsFrom(search.from) : undefined,
        search.to ? startsUntil(search.to) : undefined,
      ),
    )
    .orderBy(search.status === 'expired' || search.filter === 'expired' ? desc(rooms.startsAt) : asc(rooms.startsAt), asc(rooms.id))
    .limit(search.limit)
    .offset(search.offset);
}
