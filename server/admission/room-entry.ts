import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { pinAttempts, rooms } from '@/server/db/schema';
import { isRoomNumber } from '@/server/rooms/rules/numbers';
import { roomWindow, windowStatus, type RoomStatus } from '@/server/rooms/rules/window';
import { pinLockedUntil, PIN_ATTEMPTS_LOOKBACK_MS } from './rules/throttle';

export interface RoomEntry {
  roomId: string;
  roomNumber: string;
  status: RoomStatus;
  pin: string | null;
  moderatorPin: string | null;
  /** D-5: PIN entry is locked for this room until then. */
  lockedUntil: Date | null;
  /** C-8: these extensions are the organizer's and join as moderator. */
  organizerExtensions: string[];
}

/**
 * D-6: one indexed query answers everything a caller waits on after typing the room number —
 * the room, its window (R-4, through the shared window rule) and the PIN throttle (D-5).
 */
export async function lookupRoomEntry(
  tenant: { id: string; earlyJoinMinutes: number },
  roomNumber: string,
  now: Date,
): Promise<RoomEntry | null> {
  if (!isRoomNumber(roomNumber)) return null;
  const since = new Date(now.getTime() - PIN_ATTEMPTS_LOOKBACK_MS);
  const [row] = await db()
    .select({
      id: rooms.id,
      roomNumber: rooms.roomNumber,
      startsAt: rooms.startsAt,
      durationMinutes: rooms.durationMinutes,
      pin: rooms.pin,
      moderatorPin: rooms.moderatorPin,
      // Qualified by hand: drizzle leaves columns unqualified in a single-table select, and the
      // subqueries' own tables would capture them.
      attempts: sql<number[] | null>`(select array_agg((extract(epoch from pa.attempted_at) * 1000)::float8)
        from pin_attempts pa where pa.room_id = "rooms"."id" and pa.attempted_at > ${since.toISOString()}::timestamptz)`,
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
    lockedUntil: pinLockedUntil((row.attempts ?? []).map(Number), now),
    organizerExtensions: row.organizerExtensions ?? [],
  };
}

export type PinCheck = 'participant' | 'moderator' | 'wrong';

/**
 * D-3, C-8: the participant PIN admits, the moderator PIN admits as moderator. A wrong PIN is
 * stored with the caller's number for the throttle (D-5); an empty entry is no guess and is not.
 */
export async function checkPin(
  tenantId: string,
  entry: Pick<RoomEntry, 'roomId' | 'pin' | 'moderatorPin'>,
  typed: string,
  caller: { number: string | null },
  now: Date,
): Promise<PinCheck> {
  if (typed.length > 0 && typed === entry.moderatorPin) return 'moderator';
  if (typed.length > 0 && typed === entry.pin) return 'participant';
  if (typed.length === 0) return 'wrong';
  await db().insert(pinAttempts).values({ tenantId, roomId: entry.roomId, callerNumber: caller.number, attemptedAt: now });
  return 'wrong';
}
