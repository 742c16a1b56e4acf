import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { db, type Db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { preparedOnce } from '@/server/db/prepared';
import { rooms, tenants, users, type Room } from '@/server/db/schema';
import { systemClock } from '@/server/lib/clock';
import { ConflictError, ForbiddenError, NotFoundError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { assertPinPolicy } from './pin-policy';
import { parseInput } from '@/server/lib/validation';
import { noticeCancellation, noticeReschedule } from '@/server/notifications/schedule-changes';
import { proposeRoomNumber, randomPin } from './rules/numbers';
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
  const { filter, limit, cursor } = parseInput(roomListQuerySchema, query);
  const offset = Number(cursor ?? 0);
  const rows = await listQueries[filter]().execute({ tenantId: actor.tenantId, now: now.toISOString(), limit: limit + 1, offset });
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

export async function createRoom(actor: Actor, input: RoomCreateInput, now: Date): Promise<RoomView> {
  const values = parseInput(roomCreateSchema, input);
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

/** A new start is a reschedule: the schedule version rises so updates and reminders follow it. */
export async function updateRoom(actor: Actor, roomId: string, input: RoomUpdateInput, now: Date): Promise<RoomView> {
  const changes = parseInput(roomUpdateSchema, input);
  try {
    const updated = await db().transaction(async (tx) => {
      const room = await findRoom(actor, roomId, tx);
      assertCanManage(actor, room);
      if (changes.pin !== undefined) await assertPinPolicy(actor.tenantId, changes.pin, tx);
      const rescheduled =
        (changes.startsAt !== undefined && changes.startsAt.getTime() !== room.startsAt.getTime()) ||
        (changes.durationMinutes !== undefined && changes.durationMinutes !== room.durationMinutes);
      const [row] = await tx
        .update(rooms)
        .set({
          ...changes,
          scheduleVersion: rescheduled ? room.scheduleVersion + 1 : room.scheduleVersion,
          updatedAt: now,
        })
        .where(and(eq(rooms.id, room.id), eq(rooms.tenantId, actor.tenantId)))
        .returning();
      if (rescheduled) await noticeReschedule(tx, row, now);
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
