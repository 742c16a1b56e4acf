import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { EmailFacts } from '@/emails/facts';
import { db } from '@/server/db/client';
import { notifications, rooms, type Room } from '@/server/db/schema';
import { createNotifications, type NotificationDraft, type Recipient } from './create';
import { roomFacts } from './facts';
import { INVITING_KINDS, stillOnTheRoom } from './recipients';
import { dueReminder, remindersHorizon, REMINDERS, type ReminderKind } from './rules/reminders';
import type { Executor } from './tx';

/** R-1's longest window is 8 hours: a room that started a day ago is closed, whatever its length. */
const LOOKBACK_MS = 24 * 60 * 60_000;

interface Invited extends Recipient {
  roomId: string;
  invitedAt: Date;
}

/**
 * M-4: writes the reminder rows that are due at `now`, for every room whose invitations went
 * out; the dispatcher sends them. Rooms another planner (or an edit) holds are left to it.
 * Returns how many rows were written.
 */
export async function planDueReminders(now: Date): Promise<number> {
  return db().transaction(async (tx) => {
    const candidates = await invitedRoomsNear(tx, now);
    if (candidates.length === 0) return 0;
    const facts = await roomFacts(tx, candidates);
    const invited = await invitedAtCurrentVersion(tx, candidates);
    const existing = await remindersWritten(tx, candidates);
    const drafts = candidates.flatMap((room) => draftsFor(room, facts.get(room.id)!, invited.get(room.id) ?? [], existing, now));
    return (await createNotifications(tx, drafts, now)).length;
  });
}

function draftsFor(room: Room, facts: EmailFacts, invited: Invited[], existing: Set<string>, now: Date): NotificationDraft[] {
  const window = { opensAt: new Date(facts.window.opensAt), closesAt: new Date(facts.window.closesAt) };
  const byKind = new Map<ReminderKind, Recipient[]>();
  for (const person of invited) {
    const kind = dueReminder({ startsAt: room.startsAt, window, invitedAt: person.invitedAt, now });
    if (!kind || existing.has(`${room.id}|${kind}|${person.email}`)) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), person]);
  }
  return [...byKind].map(([kind, recipients]) => ({ tenantId: room.tenantId, roomId: room.id, kind, facts, recipients }));
}

async function invitedRoomsNear(tx: Executor, now: Date): Promise<Room[]> {
  return tx
    .select()
    .from(rooms)
    .where(
      and(
        lte(rooms.startsAt, remindersHorizon(now)),
        gt(rooms.startsAt, new Date(now.getTime() - LOOKBACK_MS)),
        sql`exists (select 1 from ${notifications} n where n.room_id = ${rooms.id}
          and n.room_version = ${rooms.scheduleVersion} and n.status = 'sent'
          and n.kind in ('invitation', 'update'))`,
      ),
    )
    .for('no key update', { skipLocked: true });
}

/** M-4 "every member who received the invitation": received, so sent, for the room's current time. */
async function invitedAtCurrentVersion(tx: Executor, candidates: Room[]): Promise<Map<string, Invited[]>> {
  const rows = await tx
    .selectDistinctOn([notifications.roomId, notifications.recipientEmail], {
      roomId: notifications.roomId,
      memberId: notifications.memberId,
      name: notifications.recipientName,
      email: notifications.recipientEmail,
      invitedAt: notifications.sentAt,
    })
    .from(notifications)
    .innerJoin(rooms, and(eq(rooms.id, notifications.roomId), eq(rooms.scheduleVersion, notifications.roomVersion)))
    .where(
      and(
        inArray(notifications.roomId, candidates.map((r) => r.id)),
        inArray(notifications.kind, INVITING_KINDS),
        eq(notifications.status, 'sent'),
        stillOnTheRoom,
      ),
    )
    .orderBy(notifications.roomId, notifications.recipientEmail, asc(notifications.sentAt));
  const byRoom = new Map<string, Invited[]>();
  for (const row of rows) byRoom.set(row.roomId, [...(byRoom.get(row.roomId) ?? []), { ...row, invitedAt: row.invitedAt! }]);
  return byRoom;
}

async function remindersWritten(tx: Executor, candidates: Room[]): Promise<Set<string>> {
  const rows = await tx
    .select({ roomId: notifications.roomId, kind: notifications.kind, email: notifications.recipientEmail })
    .from(notifications)
    .innerJoin(rooms, and(eq(rooms.id, notifications.roomId), eq(rooms.scheduleVersion, notifications.roomVersion)))
    .where(
      and(
        inArray(notifications.roomId, candidates.map((r) => r.id)),
        inArray(notifications.kind, REMINDERS.map((r) => r.kind)),
      ),
    );
  return new Set(rows.map((r) => `${r.roomId}|${r.kind}|${r.email}`));
}
