import { asc, inArray } from 'drizzle-orm';
import type { EmailFacts } from '@/emails/facts';
import { portalNumbers, tenants, users, type Room } from '@/server/db/schema';
import { roomWindow } from '@/server/rooms/rules/window';
import type { Executor } from './tx';

/** E-1: what the emails about each room say, loaded in three queries whatever the number of rooms. */
export async function roomFacts(tx: Executor, roomsToDescribe: Room[]): Promise<Map<string, EmailFacts>> {
  if (roomsToDescribe.length === 0) return new Map();
  const tenantIds = [...new Set(roomsToDescribe.map((r) => r.tenantId))];
  const organizerIds = [...new Set(roomsToDescribe.map((r) => r.organizerId))];
  const [tenantRows, organizerRows, numberRows] = await Promise.all([
    tx.select().from(tenants).where(inArray(tenants.id, tenantIds)),
    tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, organizerIds)),
    tx
      .select({ tenantId: portalNumbers.tenantId, number: portalNumbers.number })
      .from(portalNumbers)
      .where(inArray(portalNumbers.tenantId, tenantIds))
      .orderBy(asc(portalNumbers.createdAt), asc(portalNumbers.number)),
  ]);
  const tenantOf = new Map(tenantRows.map((t) => [t.id, t]));
  const organizerOf = new Map(organizerRows.map((u) => [u.id, u]));
  const numbersOf = (tenantId: string) => numberRows.filter((n) => n.tenantId === tenantId).map((n) => n.number);

  return new Map(
    roomsToDescribe.map((room) => {
      const tenant = tenantOf.get(room.tenantId)!;
      const organizer = organizerOf.get(room.organizerId)!;
      const window = roomWindow(room, tenant.earlyJoinMinutes);
      const facts: EmailFacts = {
        tenantName: tenant.name,
        language: tenant.language,
        timezone: tenant.timezone,
        room: {
          id: room.id,
          name: room.name,
          roomNumber: room.roomNumber,
          pin: room.pin,
          description: room.description,
          startsAt: room.startsAt.toISOString(),
          durationMinutes: room.durationMinutes,
          version: room.scheduleVersion,
        },
        window: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
        organizer: { name: organizer.name, email: organizer.email },
        portalNumbers: numbersOf(room.tenantId),
      };
      return [room.id, facts];
    }),
  );
}
