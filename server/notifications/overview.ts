import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { members, notifications, type NotificationStatus } from '@/server/db/schema';
import { findRoom } from '@/server/rooms/service';
import { normalizeEmail } from './create';
import { roomFacts } from './facts';
import { everInvited, INVITING_KINDS, notYetInvited } from './recipients';
import { REMINDERS, type ReminderKind } from './rules/reminders';

export interface RecipientStatus {
  /** Null for the organizer's copy. */
  memberId: string | null;
  name: string;
  email: string | null;
  sendEmail: boolean;
  /** The invitation (or the update after a reschedule) of the room's current time. */
  invitation: { status: NotificationStatus; sentAt: string | null; lastError: string | null } | null;
  remindersSent: ReminderKind[];
}

export interface InvitationOverview {
  /** Members a press of "Send invitation" would email now (M-5). */
  toInvite: number;
  /** Whether that press would also send the organizer a copy (once per room version, M-3). */
  copyPending: boolean;
  recipients: RecipientStatus[];
}

/** The room page's view of M-3..M-5: who would be invited, who was, and which reminders left. */
export async function invitationOverview(actor: Actor, roomId: string): Promise<InvitationOverview> {
  const room = await findRoom(actor, roomId);
  const facts = (await roomFacts(db(), [room])).get(room.id)!;
  const [pending, memberRows, rows] = await Promise.all([
    notYetInvited(db(), room, facts),
    db().select().from(members).where(eq(members.roomId, room.id)).orderBy(members.createdAt),
    db()
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.roomId, room.id),
          eq(notifications.roomVersion, room.scheduleVersion),
          inArray(notifications.kind, [...INVITING_KINDS, ...REMINDERS.map((r) => r.kind)]),
        ),
      )
      .orderBy(desc(notifications.createdAt)),
  ]);

  const statusOf = (email: string | null) => {
    const mine = email ? rows.filter((r) => r.recipientEmail === normalizeEmail(email)) : [];
    const invitation = mine.find((r) => (INVITING_KINDS as readonly string[]).includes(r.kind));
    return {
      invitation: invitation
        ? { status: invitation.status, sentAt: invitation.sentAt?.toISOString() ?? null, lastError: invitation.lastError }
        : null,
      remindersSent: REMINDERS.map((r) => r.kind).filter((kind) => mine.some((r) => r.kind === kind && r.status === 'sent')),
    };
  };

  return {
    toInvite: pending.filter((r) => r.memberId !== null).length,
    copyPending: pending.some((r) => r.memberId === null),
    recipients: [
      ...memberRows.map((m) => ({ memberId: m.id, name: m.name, email: m.email, sendEmail: m.sendEmail, ...statusOf(m.sendEmail ? m.email : null) })),
      { memberId: null, name: facts.organizer.name, email: facts.organizer.email, sendEmail: true, ...statusOf(facts.organizer.email) },
    ],
  };
}

/** how many people a deletion would send a cancellation to (everyone invited, the organizer's copy included). */
export async function cancellationRecipients(actor: Actor, roomId: string): Promise<number> {
  const room = await findRoom(actor, roomId);
  return (await everInvited(db(), room.id)).length;
}
