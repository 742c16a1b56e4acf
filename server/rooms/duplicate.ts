import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { members, rooms, tenants, type Room } from '@/server/db/schema';
import { NotFoundError } from '@/server/lib/errors';
import { nameSchema, parseInput } from '@/server/lib/validation';
import { proposeRoomNumber, randomPin } from './rules/numbers';
import { roomWindow, windowStatus } from './rules/window';
import { roomOptionFields, startsAtSchema } from './schemas';
import { assertWindowNotClosed, findRoom, getRoom } from './service';
import type { RoomView } from './view';

/** `POST /api/v1/rooms/{id}/duplicate`: everything optional; the copy keeps the original's name and (a usable) start. */
export const roomDuplicateSchema = z.object({ name: nameSchema.optional(), startsAt: startsAtSchema.optional() }).strict().meta({ id: 'RoomDuplicate' });
export type RoomDuplicateInput = z.input<typeof roomDuplicateSchema>;

/**
 * The original's start while its window can still be entered; otherwise the same weekday and
 * time of day in the tenant's zone, the first week it lies ahead (a weekly meeting booked again).
 */
export function nextStartLike(original: Pick<Room, 'startsAt' | 'durationMinutes'>, zone: string, now: Date): Date {
  if (windowStatus(roomWindow(original, 0), now) !== 'expired') return original.startsAt;
  const local = DateTime.fromJSDate(original.startsAt, { zone });
  const weeks = Math.ceil(DateTime.fromJSDate(now, { zone }).diff(local, 'weeks').weeks);
  const next = local.plus({ weeks });
  return (next.toJSDate() > now ? next : next.plus({ weeks: 1 })).toJSDate();
}

/**
 * Issue 12: a new room like this one, booked by the actor: a new room number and PIN, the
 * same duration, description, options and members, and nobody invited yet (M-3).
 */
export async function duplicateRoom(actor: Actor, roomId: string, input: RoomDuplicateInput, now: Date): Promise<RoomView> {
  const copyId = await db().transaction(async (tx) => {
    // An unknown room answers 404 whatever the body says, like every route with an id (T-1).
    const original = await findRoom(actor, roomId, tx);
    const wanted = parseInput(roomDuplicateSchema, input);
    const [tenant] = await tx.select({ timezone: tenants.timezone }).from(tenants).where(eq(tenants.id, actor.tenantId));
    if (!tenant) throw new NotFoundError('Tenant');
    const startsAt = wanted.startsAt ?? nextStartLike(original, tenant.timezone, now);
    assertWindowNotClosed({ startsAt, durationMinutes: original.durationMinutes }, now);
    const roomNumber = await proposeRoomNumber(async (candidate) => {
      const [hit] = await tx.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.tenantId, actor.tenantId), eq(rooms.roomNumber, candidate)));
      return Boolean(hit);
    });
    const pin = randomPin();
    const [copy] = await tx
      .insert(rooms)
      .values({
        ...optionsOf(original),
        kind: original.kind,
        durationMinutes: original.durationMinutes,
        description: original.description,
        name: wanted.name ?? original.name,
        startsAt,
        roomNumber,
        pin,
        moderatorPin: original.moderatorPin ? differentPin(pin) : null,
        organizerId: actor.userId,
        tenantId: actor.tenantId,
      })
      .returning({ id: rooms.id });
    const people = await tx.select().from(members).where(and(eq(members.roomId, original.id), eq(members.tenantId, actor.tenantId)));
    if (people.length > 0)
      await tx.insert(members).values(people.map(({ id: _member, ...member }) => ({ ...member, roomId: copy.id })));
    return copy.id;
  });
  return getRoom(actor, copyId, now);
}

/**
 * The room options as the API lists them (roomOptionFields), and only those: whatever else a room
 * carries (tracking links, history) belongs to the original alone.
 */
function optionsOf(room: Room): Partial<Room> {
  return Object.fromEntries(Object.keys(roomOptionFields).map((key) => [key, room[key as keyof Room]]));
}

function differentPin(pin: string): string {
  for (;;) {
    const candidate = randomPin();
    if (candidate !== pin) return candidate;
  }
}
