import { randomInt } from 'node:crypto';
import { actorForUser, type Actor } from '@/server/auth/actor';
import type { Language } from '@/server/db/schema';
import { addMember } from '@/server/members/service';
import { createRoom } from '@/server/rooms/service';
import { createTenant } from '@/server/tenants/service';
import { createUser } from '@/server/users/service';

/** For tests: a tenant, its admin (organizer) and a subscriber, made through the product's own services. */
export async function tenantWithOrganizer(language: Language = 'fr'): Promise<{ organizer: Actor; subscriber: Actor }> {
  const tag = `n${randomInt(1e9)}`;
  const { tenantId, adminUserId } = await createTenant({
    name: `Tenant ${tag}`,
    portalNumbers: [`+331${String(randomInt(1e8)).padStart(8, '0')}`],
    sipDomain: `${tag}.pbx.example.com`,
    language,
    adminEmail: `organizer@${tag}.example.com`,
    adminPassword: 'correct horse',
    adminName: 'Alice Organizer',
  });
  const { userId } = await createUser(tenantId, {
    email: `sub@${tag}.example.com`,
    password: 'correct horse',
    role: 'subscriber',
    name: 'Sam Subscriber',
  });
  return { organizer: (await actorForUser(adminUserId))!, subscriber: (await actorForUser(userId))! };
}

export interface MemberSpec {
  name: string;
  email?: string;
  sendEmail: boolean;
}

export async function roomWithMembers(
  organizer: Actor,
  startsAt: Date,
  people: MemberSpec[],
  now: Date,
): Promise<{ roomId: string; memberIds: string[] }> {
  const room = await createRoom(
    organizer,
    { roomNumber: String(randomInt(1e5, 1e9)), name: 'Weekly sync', startsAt: startsAt.toISOString(), durationMinutes: 60, pin: '123456' },
    now,
  );
  const memberIds: string[] = [];
  for (const person of people) memberIds.push((await addMember(organizer, room.id, { source: 'name', ...person })).id);
  return { roomId: room.id, memberIds };
}
