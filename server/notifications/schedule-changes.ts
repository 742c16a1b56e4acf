import { and, eq, lt } from 'drizzle-orm';
import { notifications, type NotificationKind, type Room } from '@/server/db/schema';
import { createNotifications } from './create';
import { roomFacts } from './facts';
import { everInvited } from './recipients';
import type { Executor } from './tx';

/**
 * R-7, E-3: called inside the reschedule's transaction with the room as it now is. Whatever was
 * still waiting for the old time is dropped (its reminders are re-planned from the update), and
 * everyone invited so far gets the update.
 */
export async function noticeReschedule(tx: Executor, room: Room, now: Date): Promise<void> {
  await dropWaiting(tx, room.id, room.scheduleVersion);
  await noticeEveryoneInvited(tx, room, 'update', now);
}

/**
 * R-7, E-4: called inside the deletion's transaction, before the room row goes. Nothing still
 * waiting is sent; everyone invited gets the cancellation.
 */
export async function noticeCancellation(tx: Executor, room: Room, now: Date): Promise<void> {
  await dropWaiting(tx, room.id);
  await noticeEveryoneInvited(tx, room, 'cancellation', now);
}

/** Rows already claimed are on their way and are left to finish. */
async function dropWaiting(tx: Executor, roomId: string, beforeVersion?: number): Promise<void> {
  await tx
    .update(notifications)
    .set({ status: 'cancelled', lastError: beforeVersion ? 'superseded by a reschedule' : 'room deleted' })
    .where(
      and(
        eq(notifications.roomId, roomId),
        eq(notifications.status, 'pending'),
        beforeVersion ? lt(notifications.roomVersion, beforeVersion) : undefined,
      ),
    );
}

async function noticeEveryoneInvited(tx: Executor, room: Room, kind: NotificationKind, now: Date): Promise<void> {
  const recipients = await everInvited(tx, room.id);
  if (recipients.length === 0) return;
  const facts = (await roomFacts(tx, [room])).get(room.id)!;
  await createNotifications(tx, [{ tenantId: room.tenantId, roomId: room.id, kind, facts, recipients }], now);
}
