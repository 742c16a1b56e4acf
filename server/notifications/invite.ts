import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import type { Clock } from '@/server/lib/clock';
import { logger } from '@/server/lib/logger';
import { mailTransportFromEnv } from '@/server/mail/from-env';
import { assertCanManage } from '@/server/rooms/service';
import { createNotifications } from './create';
import { dispatchDue } from './dispatch';
import { roomFacts } from './facts';
import { notYetInvited } from './recipients';
import { takeInvitationQuota } from './invitation-quota';
import { lockRoom } from './room-lock';

/**
 * M-3, M-5 ("Send invitation"): every member who wants emails and does not have this version's
 * invitation yet gets it, the organizer a copy; then they are sent at once rather than at the
 * worker's next minute. Returns how many members were newly invited.
 */
export async function sendInvitations(actor: Actor, roomId: string, clock: Clock): Promise<{ sent: number }> {
  const now = clock();
  const { sent, room } = await db().transaction(async (tx) => {
    const room = await lockRoom(tx, actor, roomId);
    assertCanManage(actor, room);
    const facts = (await roomFacts(tx, [room])).get(room.id)!;
    const recipients = await notYetInvited(tx, room, facts);
    await takeInvitationQuota(tx, actor, recipients.length, now);
    const written = await createNotifications(tx, [{ tenantId: room.tenantId, roomId: room.id, kind: 'invitation', facts, recipients }], now);
    return { sent: written.filter((row) => row.memberId !== null).length, room };
  });
  await deliverNow(room.id, clock);
  return { sent };
}

/** Best effort: what fails here stays pending with its error, and the worker retries it. */
async function deliverNow(roomId: string, clock: Clock): Promise<void> {
  try {
    await dispatchDue({ transport: mailTransportFromEnv(), clock, roomId });
  } catch (error) {
    logger.warn({ roomId, error: String(error) }, 'immediate delivery failed; the worker will retry');
  }
}
