import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { conferenceActions, conferences, participants, rooms, tenants, type Room, type Tenant } from '@/server/db/schema';
import { createTenant } from '@/server/tenants/service';
import { createUser } from '@/server/users/service';

/** Real rows through the real services, unique per call so scenarios of one file never collide. */
export async function seedTenant(settings: Partial<Omit<Tenant, 'id'>> = {}) {
  const tag = randomBytes(4).toString('hex');
  const portalNumber = `+3319${String(parseInt(tag, 16) % 10_000_000).padStart(7, '0')}`;
  const sipDomain = `t${tag}.pbx.example.net`;
  const { tenantId, adminUserId } = await createTenant({
    name: `Tenant ${tag}`,
    portalNumbers: [portalNumber],
    sipDomain,
    adminEmail: `admin-${tag}@example.net`,
    adminPassword: 'correct horse battery',
  });
  if (Object.keys(settings).length > 0) await db().update(tenants).set(settings).where(eq(tenants.id, tenantId));
  const { userId: organizerId } = await createUser(tenantId, {
    email: `organizer-${tag}@example.net`,
    password: 'correct horse battery',
    role: 'subscriber',
    extension: '201',
    name: 'Olivia Organizer',
  });
  await createUser(tenantId, { email: `other-${tag}@example.net`, password: 'correct horse battery', role: 'subscriber', extension: '23456', name: 'Oscar Other' });
  return { tenantId, organizerId, adminUserId, portalNumber, sipDomain };
}

export async function seedRoom(
  tenant: { tenantId: string; organizerId: string },
  room: { roomNumber: string; startsAt: Date; durationMinutes?: number; pin?: string | null; moderatorPin?: string | null } & Partial<RoomOptionColumns>,
) {
  const { roomNumber, startsAt, durationMinutes, pin, moderatorPin, ...options } = room;
  const [row] = await db()
    .insert(rooms)
    .values({
      tenantId: tenant.tenantId,
      organizerId: tenant.organizerId,
      name: `Room ${roomNumber}`,
      roomNumber,
      startsAt,
      durationMinutes: durationMinutes ?? 60,
      pin: pin === undefined ? '123456' : pin,
      moderatorPin: moderatorPin ?? null,
      ...options,
    })
    .returning();
  return row;
}

type RoomOptionColumns = Pick<
  Room,
  'enterMuted' | 'waitForModerator' | 'endWhenLastModeratorLeaves' | 'announceJoinLeave' | 'announceRecording' | 'recordFromStart' | 'maxParticipants'
>;

export async function conferenceRecords(conferenceId: string) {
  const [conference] = await db().select().from(conferences).where(eq(conferences.id, conferenceId));
  const legs = await db().select().from(participants).where(eq(participants.conferenceId, conferenceId)).orderBy(participants.joinedAt);
  const actions = await db().select().from(conferenceActions).where(eq(conferenceActions.conferenceId, conferenceId)).orderBy(conferenceActions.at);
  return { conference, legs, actions };
}
