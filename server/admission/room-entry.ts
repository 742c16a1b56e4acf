import { and, eq, gt, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { pinAttempts, rooms } from '@/server/db/schema';
import { isRoomNumber } from '@/server/rooms/rules/numbers';
import { roomWindow, windowStatus, type RoomStatus } from '@/server/rooms/rules/window';
import { callerBucket, callerLockedUntil, HIDDEN_CALLER, roomLockedUntil, THROTTLE_LOOKBACK_MS, type WrongEntry } from './rules/throttle';
import { callerAttemptsSince, lockThrottles, type PortalCaller, type Tx } from './throttle-locks';

export type { PortalCaller } from './throttle-locks';

export interface RoomEntry {
  roomId: string;
  roomNumber: string;
  status: RoomStatus;
  pin: string | null;
  moderatorPin: string | null;
  /** D-5: PIN entry of the whole room is locked until then (guessing spread over many callers). */
  lockedUntil: Date | null;
  /** C-8: these extensions are the organizer's and join as moderator. */
  organizerExtensions: string[];
}

export type RoomNumberEntry = { result: 'room'; entry: RoomEntry } | { result: 'unknown' } | { result: 'throttled'; until: Date };

/**
 * The room-number step of the portal (D-1, D-5, D-6): refuses a caller who guessed too much,
 * finds the room with its window (R-4, through the shared window rule) and its room-wide lock,
 * and records an unknown room number against the caller. Finding a room reads without a lock, in
 * one round trip (D-6: the caller waits on it): what is at stake is the PIN, which checkPin
 * checks under the locks. An unknown room number is the guess: it is checked and recorded under
 * the caller's lock. An empty entry is no guess.
 */
export async function enterRoomNumber(
  tenant: { id: string; earlyJoinMinutes: number },
  typed: string,
  caller: PortalCaller,
  now: Date,
): Promise<RoomNumberEntry> {
  const [callerTimes, entry] = await Promise.all([
    callerAttemptsSince(db(), tenant.id, caller, since(now)),
    isRoomNumber(typed) ? roomEntry(db(), tenant, typed, now) : null,
  ]);
  const callerUntil = callerLockedUntil(callerTimes, now);
  if (callerUntil) return { result: 'throttled', until: callerUntil };
  if (entry) return { result: 'room', entry };
  if (typed === '') return { result: 'unknown' };
  return recordUnknownRoomNumber(tenant.id, caller, now);
}

async function recordUnknownRoomNumber(tenantId: string, caller: PortalCaller, now: Date): Promise<RoomNumberEntry> {
  return db().transaction(async (tx) => {
    // Sent together (postgres.js pipelines them on the transaction's connection), run in order:
    // the read starts once the lock is held.
    const [, callerTimes] = await Promise.all([lockThrottles(tx, tenantId, caller), callerAttemptsSince(tx, tenantId, caller, since(now))]);
    const callerUntil = callerLockedUntil(callerTimes, now);
    if (callerUntil) return { result: 'throttled', until: callerUntil };
    await tx.insert(pinAttempts).values({ tenantId, roomId: null, kind: 'room-number', callerNumber: caller.number, attemptedAt: now });
    return { result: 'unknown' };
  });
}

async function roomEntry(tx: Tx, tenant: { id: string; earlyJoinMinutes: number }, roomNumber: string, now: Date): Promise<RoomEntry | null> {
  const [row] = await tx
    .select({
      id: rooms.id,
      roomNumber: rooms.roomNumber,
      startsAt: rooms.startsAt,
      durationMinutes: rooms.durationMinutes,
      pin: rooms.pin,
      moderatorPin: rooms.moderatorPin,
      // Qualified by hand: drizzle leaves columns unqualified in a single-table select, and the
      // subqueries' own tables would capture them.
      attempts: sql<WrongEntry[] | null>`(select json_agg(json_build_object('at', (extract(epoch from pa.attempted_at) * 1000)::float8,
          'caller', coalesce(pa.caller_number, ${HIDDEN_CALLER})))
        from pin_attempts pa where pa.room_id = "rooms"."id" and pa.attempted_at > ${since(now).toISOString()}::timestamptz)`,
      organizerExtensions: sql<string[] | null>`(select array_agg(e.number) from extensions e
        where e.tenant_id = "rooms"."tenant_id" and e.user_id = "rooms"."organizer_id")`,
    })
    .from(rooms)
    .where(and(eq(rooms.tenantId, tenant.id), eq(rooms.roomNumber, roomNumber)));
  if (!row) return null;
  return {
    roomId: row.id,
    roomNumber: row.roomNumber,
    status: windowStatus(roomWindow(row, tenant.earlyJoinMinutes), now),
    pin: row.pin,
    moderatorPin: row.moderatorPin,
    lockedUntil: roomLockedUntil(row.attempts ?? [], now),
    organizerExtensions: row.organizerExtensions ?? [],
  };
}

export type PinCheck = 'participant' | 'moderator' | 'wrong' | 'throttled';

/**
 * D-3, D-5, C-8: the participant PIN admits, the moderator PIN admits as moderator. Checked in one
 * transaction holding the caller's and the room's throttle locks, so that simultaneous calls never
 * get more checks than the throttle allows: a locked caller, or anyone but the organizer's own
 * extension while the room is locked, is refused before the PIN is compared. A wrong PIN is stored
 * with the caller's number; an empty entry is no guess and is not.
 */
export async function checkPin(
  tenantId: string,
  entry: Pick<RoomEntry, 'roomId' | 'pin' | 'moderatorPin'>,
  typed: string,
  caller: PortalCaller & { organizer?: boolean },
  now: Date,
): Promise<PinCheck> {
  if (typed === '') return 'wrong';
  return db().transaction(async (tx) => {
    const [, callerTimes, roomEntries] = await Promise.all([
      lockThrottles(tx, tenantId, caller, entry.roomId),
      callerAttemptsSince(tx, tenantId, caller, since(now)),
      roomAttemptsSince(tx, tenantId, entry.roomId, since(now)),
    ]);
    if (callerLockedUntil(callerTimes, now)) return 'throttled';
    if (!caller.organizer && roomLockedUntil(roomEntries, now)) return 'throttled';
    if (typed === entry.moderatorPin) return 'moderator';
    if (typed === entry.pin) return 'participant';
    await tx.insert(pinAttempts).values({ tenantId, roomId: entry.roomId, kind: 'pin', callerNumber: caller.number, attemptedAt: now });
    return 'wrong';
  });
}

/** The end of the room-wide lock (D-5) in force at `now`, for the portal's room page; null when none. */
export async function roomGuessingLock(tenantId: string, roomId: string, now: Date): Promise<Date | null> {
  return roomLockedUntil(await roomAttemptsSince(db(), tenantId, roomId, since(now)), now);
}

async function roomAttemptsSince(tx: Tx, tenantId: string, roomId: string, from: Date): Promise<WrongEntry[]> {
  const rows = await tx
    .select({ at: pinAttempts.attemptedAt, caller: pinAttempts.callerNumber })
    .from(pinAttempts)
    .where(and(eq(pinAttempts.tenantId, tenantId), eq(pinAttempts.roomId, roomId), gt(pinAttempts.attemptedAt, from)));
  return rows.map((r) => ({ at: r.at.getTime(), caller: callerBucket(r.caller) }));
}

const since = (now: Date) => new Date(now.getTime() - THROTTLE_LOOKBACK_MS);
