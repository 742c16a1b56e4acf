import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { db, type Db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { preparedOnce } from '@/server/db/prepared';
import { rooms, tenants, users, type Room } from '@/server/db/schema';
import { systemClock } from '@/server/lib/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { parseInput } from '@/server/lib/validation';
import { printedFactChanges } from '@/server/notifications/rules/changes';
import { noticeCancellation, noticeChanges } from '@/server/notifications/schedule-changes';
import { assertPinPolicy } from './pin-policy';
import { proposeRoomNumber, randomPin } from './rules/numbers';
import { roomWindow, windowStatus } from './rules/window';
import { searchRooms } from './search';
import {
  roomCreateSchema,
  roomListQuerySchema,
  roomUpdateSchema,
  type RoomCreateInput,
  type RoomListFilter,
  type RoomListQuery,
  type RoomUpdateInput,
} from './schemas';
import { toRoomView, type RoomView } from './view';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const roomNumberTaken = () =>
  new ConflictError({ field: 'roomNumber', code: 'roomNumber.taken' }, 'This room number is already used by another room');

/** T-4: everyone in the tenant reads; the organizer or an admin changes. */
export function assertCanManage(actor: Actor, room: Pick<Room, 'organizerId'>): void {
  if (!isAdmin(actor) && room.organizerId !== actor.userId) throw new ForbiddenError();
}

/** T-1: the tenant is part of every lookup, so another tenant's id reads as missing. */
export async function findRoom(actor: Actor, roomId: string, tx: Tx | Db = db()): Promise<Room> {
  if (!isUuid(roomId)) throw new NotFoundError('Room');
  const [room] = await tx.select().from(rooms).where(and(eq(rooms.id, roomId), eq(rooms.tenantId, actor.tenantId)));
  if (!room) throw new NotFoundError('Room');
  return room;
}

/** The organizer's name and the tenant's early join come in one query with the room's view. */
async function viewOf(actor: Actor, room: Room, now: Date): Promise<RoomView> {
  const [context] = await db()
    .select({ organizerName: users.name, earlyJoin: tenants.earlyJoinMinutes })
    .from(tenants)
    .leftJoin(users, and(eq(users.id, room.organizerId), eq(users.tenantId, tenants.id)))
    .where(eq(tenants.id, room.tenantId));
  if (!context) throw new NotFoundError('Tenant');
  return toRoomView(room, context.organizerName ?? '', context.earlyJoin, now, actor);
}

export async function getRoom(actor: Actor, roomId: string, now: Date): Promise<RoomView> {
  return viewOf(actor, await findRoom(actor, roomId), now);
}

// The close of roomWindow in SQL, so that the filters run in the database; the list's
// status itself still comes from roomWindow through toRoomView.
const closesAt = sql`${rooms.startsAt} + ${rooms.durationMinutes} * interval '1 minute'`;
const FILTERS: Record<RoomListFilter, SQL | undefined> = {
  all: undefined,
  upcoming: sql`${closesAt} > ${sql.placeholder('now')}::timestamptz`,
  expired: sql`${closesAt} <= ${sql.placeholder('now')}::timestamptz`,
};

// One prepared round trip per filter, with the organizer's name and the tenant's early join on each
// row: the list is the API's busiest read (bench/rooms-api).
const listQuery = (database: Db, filter: RoomListFilter) =>
  database
    .select({ room: rooms, organizerName: users.name, earlyJoin: tenants.earlyJoinMinutes })
    .from(rooms)
    .innerJoin(users, and(eq(users.id, rooms.organizerId), eq(users.tenantId, rooms.tenantId)))
    .innerJoin(tenants, eq(tenants.id, rooms.tenantId))
    .where(and(eq(rooms.tenantId, sql.placeholder('tenantId')), FILTERS[filter]))
    .orderBy(filter === 'expired' ? desc(rooms.startsAt) : asc(rooms.startsAt), asc(rooms.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare(`rooms_list_${filter}`);
const listQueries = {
  all: preparedOnce((database) => listQuery(database, 'all')),
  upcoming: preparedOnce((database) => listQuery(database, 'upcoming')),
  expired: preparedOnce((database) => listQuery(database, 'expired')),
};

export async function listRooms(actor: Actor, query: RoomListQuery, now: Date): Promise<{ items: RoomView[]; nextCursor: string | null }> {
  const { filter, q, status, from, to, limit, cursor } = parseInput(roomListQuerySchema, query);
  const offset = Number(cursor ?? 0);
  const searched = Boolean(q || status || from || to);
  // The plain list keeps its prepared statement; a search is built for its own filters.
  const rows = searched
    ? await searchRooms(db(), { tenantId: actor.tenantId, filter, q, status, from, to, now, limit: limit + 1, offset })
    : await listQueries[filter]().execute({ tenantId: actor.tenantId, now: now.toISOString(), limit: limit + 1, offset });
  return {
    items: rows.slice(0, limit).map((r) => toRoomView(r.room, r.organizerName, r.earlyJoin, now, actor)),
    nextCursor: rows.length > limit ? String(offset + limit) : null,
  };
}

/** what the create form starts with. */
export async function proposeRoomDefaults(actor: Actor): Promise<{ roomNumber: string; pin: string }> {
  const roomNumber = await proposeRoomNumber(async (candidate) => {
    const [hit] = await db()
      .select({ id: rooms.id })
      .from(rooms)
      .where(and(eq(rooms.tenantId, actor.tenantId), eq(rooms.roomNumber, candidate)));
    return Boolean(hit);
  });
  return { roomNumber, pin: randomPin() };
}

/**
 * Nobody could ever enter a room whose window has already closed: such a start is refused. A
 * start in the past whose window is still open is a room open now.
 */
export function assertWindowNotClosed(schedule: { startsAt: Date; durationMinutes: number }, now: Date): void {
  if (windowStatus(roomWindow(schedule, 0), now) === 'expired') throw new ValidationError([{ field: 'startsAt', code: 'startsAt.closed' }]);
}

export async function createRoom(actor: Actor, input: RoomCreateInput, now: Date): Promise<RoomView> {
  const values = parseInput(roomCreateSchema, input);
  assertWindowNotClosed(values, now);
  await assertPinPolicy(actor.tenantId, values.pin);
  try {
    const [room] = await db()
      .insert(rooms)
      .values({ ...values, kind: values.kind ?? 'audio', tenantId: actor.tenantId, organizerId: actor.userId })
      .returning();
    return viewOf(actor, room, now);
  } catch (error) {
    if (isUniqueViolation(error, 'rooms_tenant_room_number')) throw roomNumberTaken();
    throw error;
  }
}

/**
 * A change of a fact printed in the invitation (start, duration, room number, PIN, name,
 * description) raises the room's version, so that everyone invited gets the update saying what
 * changed and reminders follow the new facts (E-3, R-7).
 */
export async function updateRoom(actor: Actor, roomId: string, input: RoomUpdateInput, now: Date): Promise<RoomView> {
  const changes = parseInput(roomUpdateSchema, input);
  try {
    const updated = await db().transaction(async (tx) => {
      const room = await findRoom(actor, roomId, tx);
      assertCanManage(actor, room);
      if (changes.pin !== undefined) await assertPinPolicy(actor.tenantId, changes.pin, tx);
      const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const printed = printedFactChanges(room, { ...room, ...given });
      if (printed.some((change) => change.fact === 'startsAt' || change.fact === 'durationMinutes')) assertWindowNotClosed({ ...room, ...given }, now);
      const [row] = await tx
        .update(rooms)
        .set({
          ...changes,
          scheduleVersion: printed.length > 0 ? room.scheduleVersion + 1 : room.scheduleVersion,
          updatedAt: now,
        })
        .where(and(eq(rooms.id, room.id), eq(rooms.tenantId, actor.tenantId)))
        .returning();
      if (printed.length > 0) await noticeChanges(tx, row, printed, now);
      return row;
    });
    return viewOf(actor, updated, now);
  } catch (error) {
    if (isUniqueViolation(error, 'rooms_tenant_room_number')) throw roomNumberTaken();
    throw error;
  }
}

export async function deleteRoom(actor: Actor, roomId: string, now: Date = systemClock()): Promise<void> {
  await db().transaction(async (tx) => {
    const room = await findRoom(actor, roomId, tx);
    assertCanManage(actor, room);
    await noticeCancellation(tx, room, now);
    await tx.delete(rooms).where(and(eq(rooms.id, room.id), eq(rooms.tenantId, actor.tenantId)));
  });
}
