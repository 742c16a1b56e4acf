import { randomInt } from 'node:crypto';
import type { Actor } from '@/server/auth/actor';
import { actorForUser } from '@/server/auth/actor';
import { createDirectoryEntry, createExtension } from '@/server/directory/service';
import { addMember } from '@/server/members/service';
import { createRoom } from '@/server/rooms/service';
import { createTenant } from '@/server/tenants/service';
import { createToken } from '@/server/users/tokens';
import { createUser } from '@/server/users/service';

interface SeededUser {
  actor: Actor;
  token: string;
  tokenId: string;
}

export interface SeededTenant {
  tenantId: string;
  admin: SeededUser;
  subscriber: SeededUser;
  /** Organized by the admin, then by the subscriber. */
  roomIds: [string, string];
  /** One member of each source in the first room. */
  memberIds: string[];
  extensionId: string;
  directoryEntryId: string;
}

export const HOUR = 3_600_000;

/** A tenant with one of everything, made through the services the product itself uses. */
export async function seedTenant(label: string, options: { roomNumbers?: [string, string]; now?: Date } = {}): Promise<SeededTenant> {
  const { roomNumbers = ['1001', '1002'], now = new Date() } = options;
  const tag = `${label}${randomInt(1e9)}`.toLowerCase();
  const { tenantId, adminUserId } = await createTenant({
    name: `Tenant ${label}`,
    portalNumbers: [`+331${String(randomInt(1e8)).padStart(8, '0')}`],
    sipDomain: `${tag}.pbx.example.com`,
    adminEmail: `admin@${tag}.example.com`,
    adminPassword: 'correct horse',
    adminName: `Admin ${label}`,
  });
  const { userId: subscriberId } = await createUser(tenantId, {
    email: `sub@${tag}.example.com`,
    password: 'correct horse',
    role: 'subscriber',
    name: `Subscriber ${label}`,
    extension: '201',
  });
  const admin = await seededUser(adminUserId, `admin@${tag}.example.com`);
  const subscriber = await seededUser(subscriberId, `sub@${tag}.example.com`);
  const extension = await createExtension(admin.actor, { number: '202', name: `Extension ${label}`, email: `ext@${tag}.example.com` });
  const entry = await createDirectoryEntry(admin.actor, { name: `Contact ${label}`, number: '+33123456789', email: `contact@${tag}.example.com` });
  const startsAt = new Date(now.getTime() + 24 * HOUR).toISOString();
  const first = await createRoom(admin.actor, { roomNumber: roomNumbers[0], name: `Room ${label} 1`, startsAt, durationMinutes: 60, pin: '1234' }, now);
  const second = await createRoom(subscriber.actor, { roomNumber: roomNumbers[1], name: `Room ${label} 2`, startsAt, durationMinutes: 30 }, now);
  const members = [
    await addMember(admin.actor, first.id, { source: 'extension', extension: '202', sendEmail: true }),
    await addMember(admin.actor, first.id, { source: 'directory', directoryEntryId: entry.id }),
    await addMember(admin.actor, first.id, { source: 'name', name: `Guest ${label}`, email: `guest@${tag}.example.com` }),
  ];
  return {
    tenantId,
    admin,
    subscriber,
    roomIds: [first.id, second.id],
    memberIds: members.map((m) => m.id),
    extensionId: extension.id,
    directoryEntryId: entry.id,
  };
}

async function seededUser(userId: string, email: string): Promise<SeededUser> {
  const actor = await actorForUser(userId);
  if (!actor) throw new Error(`seeded user ${userId} not found`);
  const { token, id } = await createToken(email);
  return { actor, token, tokenId: id };
}
