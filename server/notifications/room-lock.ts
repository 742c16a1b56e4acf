import { and, eq } from 'drizzle-orm';
import type { Actor } from '@/server/auth/actor';
import { rooms, type Room } from '@/server/db/schema';
import { NotFoundError } from '@/server/lib/errors';
import { findRoom } from '@/server/rooms/service';
import type { Executor } from './tx';

/**
 * The room, locked until the transaction ends: two presses of "Send invitation", a reschedule and
 * the reminder planner take turns on a room, so none of them decides on what another is changing.
 */
export async function lockRoom(tx: Executor, actor: Actor, roomId: string): Promise<Room> {
  await findRoom(actor, roomId, tx);
  const [room] = await tx
    .select()
    .from(rooms)
    .where(and(eq(rooms.id, roomId), eq(rooms.tenantId, actor.tenantId)))
    .for('no key update');
  if (!room) throw new NotFoundError('Room');
  return room;
}
