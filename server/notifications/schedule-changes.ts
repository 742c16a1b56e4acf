import { and, eq, lt, ne } from 'drizzle-orm';
import type { EmailFacts, FactChange } from '@/emails/facts';
import { notifications, type NotificationKind, type Room } from '@/server/db/schema';
import { createNotifications } from './create';
import { roomFacts } from './facts';
import { everInvited } from './recipients';
import { mergeChanges } from './rules/changes';
import type { Executor } from './tx';

/**
 * R-7, E-3: called inside the change's transaction with the room as it now is, its version
 * already raised. Whatever was still waiting for the old version is dropped (its reminders are
 * re-planned from the update, with the new facts), and everyone invited so far gets the update
 * saying what changed.
 */
export async function noticeChanges(tx: Executor, room: Room, changes: FactChange[], now: Date): Promise<void> {
  const dropped = await dropWaiting(tx, room.id, room.scheduleVersion);
  const unsent = dropped.filter((row) => row.kind === 'update').flatMap((row) => (row.facts as EmailFacts).changes ?? []);
  await noticeEveryoneInvited(tx, room, 'update', now, { changes: mergeChanges(unsent, changes) });
}

/**
 * R-7, E-4: called inside the deletion's transaction, before the room row goes. Nothing still
 * waiting is sent; everyone invited gets the cancellation, one SEQUENCE above the last update.
 */
export async function noticeCancellation(tx: Executor, room: Room, now: Date): Promise<void> {
  await dropWaiting(tx, room.id);
  await noticeEveryoneInvited(tx, { ...room, scheduleVersion: room.scheduleVersion + 1 }, 'cancellation', now);
}

/** Rows already claimed are on their way and are left to finish. */
async function dropWaiting(tx: Executor, roomId: string, beforeVersion?: number) {
  return tx
    .update(notifications)
    .set({ status: 'cancelled', lastError: beforeVersion ? 'superseded by a change of the room' : 'room deleted' })
    .where(
      and(
        eq(notifications.roomId, roomId),
        eq(notifications.status, 'pending'),
        // A report is about a conference that was held: neither a change nor a deletion of the room stops it (H-5).
        ne(notifications.kind, 'report'),
        beforeVersion ? lt(notifications.roomVersion, beforeVersion) : undefined,
      ),
    )
    .returning({ kind: notifications.kind, facts: notifications.facts });
}

async function noticeEveryoneInvited(
  tx: Executor,
  room: Room,
  kind: NotificationKind,
  now: Date,
  extra: Partial<EmailFacts> = {},
): Promise<void> {
  const recipients = await everInvited(tx, room.id);
  if (recipients.length === 0) return;
  const facts = { ...(await roomFacts(tx, [room])).get(room.id)!, ...extra };
  await createNotifications(tx, [{ tenantId: room.tenantId, roomId: room.id, kind, facts, recipients }], now);
}
