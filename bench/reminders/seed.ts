import { inArray, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { members, notifications, rooms, type Room } from '@/server/db/schema';
import { createNotifications } from '@/server/notifications/create';
import { roomFacts } from '@/server/notifications/facts';
import { tenantWithOrganizer } from '@/server/notifications/fixtures';

export interface SeedOptions {
  rooms: number;
  membersPerRoom: number;
  startsAt: Date;
  invitedAt: Date;
}

const CHUNK = 1_000;

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Rooms that all start at the same minute, every member invited a day before: the invitations
 * are written by the product's own code and marked sent, as "Send invitation" would leave them.
 * Returns how many reminder emails are due 30 minutes before the start.
 */
export async function seedInvitedRooms(options: SeedOptions): Promise<number> {
  const { organizer } = await tenantWithOrganizer('fr');
  const roomRows: Room[] = [];
  for (const part of chunks(Array.from({ length: options.rooms }, (_, i) => i), CHUNK)) {
    roomRows.push(
      ...(await db()
        .insert(rooms)
        .values(part.map((i) => ({
          tenantId: organizer.tenantId,
          organizerId: organizer.userId,
          name: `Bench room ${i}`,
          roomNumber: String(100_000 + i),
          startsAt: options.startsAt,
          durationMinutes: 60,
          pin: '123456',
        })))
        .returning()),
    );
  }
  const people = roomRows.flatMap((room, r) =>
    Array.from({ length: options.membersPerRoom }, (_, m) => ({
      tenantId: organizer.tenantId,
      roomId: room.id,
      source: 'name' as const,
      name: `Member ${r}-${m}`,
      email: `member-${r}-${m}@bench.example.test`,
      sendEmail: true,
    })),
  );
  for (const part of chunks(people, CHUNK)) await db().insert(members).values(part);

  const facts = await roomFacts(db(), roomRows);
  const drafts = roomRows.map((room) => ({
    tenantId: room.tenantId,
    roomId: room.id,
    kind: 'invitation' as const,
    facts: facts.get(room.id)!,
    recipients: [
      ...people.filter((p) => p.roomId === room.id).map((p) => ({ memberId: null, name: p.name, email: p.email })),
      { memberId: null, name: organizer.name, email: organizer.email },
    ],
  }));
  for (const part of chunks(drafts, 50)) await createNotifications(db(), part, options.invitedAt);
  await db()
    .update(notifications)
    .set({ status: 'sent', sentAt: options.invitedAt })
    .where(inArray(notifications.roomId, roomRows.map((r) => r.id)));
  const [{ count }] = await db().select({ count: sql<number>`count(*)::int` }).from(notifications);
  return count;
}
