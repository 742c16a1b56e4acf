import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { EmailFacts } from '@/emails/facts';
import { members, notifications, type Room } from '@/server/db/schema';
import { normalizeEmail, type Recipient } from './create';
import type { Executor } from './tx';

/** An invitation, or the update that replaced it after a reschedule, makes someone invited. */
export const INVITING_KINDS = ['invitation', 'update'] as const;

/**
 * The row's recipient is still on the room: the organizer (no member id) or a member not removed
 * since. A removed member (M-2) gets no reminder, update or cancellation.
 */
export const stillOnTheRoom = sql`(${notifications.memberId} is null or exists (select 1 from ${members} m where m.id = ${notifications.memberId}))`;

/** M-3: members with "send emails" on and an address, then the organizer; one entry per address. */
async function wanted(tx: Executor, room: Room, facts: EmailFacts): Promise<Recipient[]> {
  const rows = await tx
    .select({ memberId: members.id, name: members.name, email: members.email })
    .from(members)
    .where(and(eq(members.roomId, room.id), eq(members.sendEmail, true), sql`coalesce(trim(${members.email}), '') <> ''`))
    .orderBy(members.createdAt);
  const everyone = [
    ...rows.map((r) => ({ memberId: r.memberId, name: r.name, email: r.email! })),
    { memberId: null, name: facts.organizer.name, email: facts.organizer.email },
  ];
  const byAddress = new Map<string, Recipient>();
  for (const person of everyone) if (!byAddress.has(normalizeEmail(person.email))) byAddress.set(normalizeEmail(person.email), person);
  return [...byAddress.values()];
}

/** M-5: those who should get the invitation and do not have it (nor its update) for this version. */
export async function notYetInvited(tx: Executor, room: Room, facts: EmailFacts): Promise<Recipient[]> {
  const invited = await tx
    .select({ email: notifications.recipientEmail })
    .from(notifications)
    .where(
      and(
        eq(notifications.roomId, room.id),
        eq(notifications.roomVersion, room.scheduleVersion),
        inArray(notifications.kind, INVITING_KINDS),
      ),
    );
  const already = new Set(invited.map((r) => r.email));
  return (await wanted(tx, room, facts)).filter((r) => !already.has(normalizeEmail(r.email)));
}

/** everyone still on the room who was ever sent (or about to be sent) it, for its update or cancellation. */
export async function everInvited(tx: Executor, roomId: string): Promise<Recipient[]> {
  const rows = await tx
    .selectDistinctOn([notifications.recipientEmail], {
      memberId: notifications.memberId,
      name: notifications.recipientName,
      email: notifications.recipientEmail,
    })
    .from(notifications)
    .where(and(eq(notifications.roomId, roomId), inArray(notifications.kind, INVITING_KINDS), stillOnTheRoom))
    .orderBy(notifications.recipientEmail, desc(notifications.createdAt));
  return rows;
}
