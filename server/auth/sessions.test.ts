import { beforeAll, describe, expect, it } from 'vitest';
import { deleteRoom } from '@/server/rooms/service';
import { deleteUser } from '@/server/users/service';
import { setPassword } from '@/server/users/passwords';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { actorForSession, endAllSessions, endSession, openSession } from './sessions';
import { signInWithPassword } from './sign-in';

useTestDatabase();

let t: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('S');
});

describe('sessions end at once, not when the cookie expires (issue 13)', () => {
  it('sign-out ends that session and leaves the user signed in elsewhere', async () => {
    const laptop = await openSession(t.subscriber.actor.userId);
    const phone = await openSession(t.subscriber.actor.userId);
    expect(await actorForSession(laptop)).toMatchObject({ userId: t.subscriber.actor.userId, tenantId: t.tenantId });
    await endSession(laptop);
    expect(await actorForSession(laptop)).toBeNull();
    expect(await actorForSession(phone)).toMatchObject({ userId: t.subscriber.actor.userId });
  });

  it('"sign out everywhere" ends every session of the user, and only theirs', async () => {
    const one = await openSession(t.subscriber.actor.userId);
    const two = await openSession(t.subscriber.actor.userId);
    const admin = await openSession(t.admin.actor.userId);
    await endAllSessions(t.subscriber.actor.userId);
    expect(await actorForSession(one)).toBeNull();
    expect(await actorForSession(two)).toBeNull();
    expect(await actorForSession(admin)).toMatchObject({ userId: t.admin.actor.userId });
    const again = await openSession(t.subscriber.actor.userId);
    expect(await actorForSession(again)).toMatchObject({ userId: t.subscriber.actor.userId });
  });

  it('a password change ends every session signed in with the old password; the new one signs in', async () => {
    const before = await openSession(t.subscriber.actor.userId);
    await setPassword(t.tenantId, t.subscriber.actor.userId, 'lantern-harbour-77');
    expect(await actorForSession(before)).toBeNull();
    const email = t.subscriber.actor.email;
    expect((await signInWithPassword({ email, password: 'correct horse', address: '192.0.2.50' }, new Date())).outcome).toBe('refused');
    expect((await signInWithPassword({ email, password: 'lantern-harbour-77', address: '192.0.2.50' }, new Date())).outcome).toBe('signed-in');
  });

  it('a session with a forged version or id is no session', async () => {
    const real = await openSession(t.admin.actor.userId);
    expect(await actorForSession({ ...real, sessionVersion: real.sessionVersion + 1 })).toBeNull();
    expect(await actorForSession({ ...real, sessionId: 'not-a-uuid' })).toBeNull();
    expect(await actorForSession({ ...real, userId: t.subscriber.actor.userId })).toBeNull();
  });

  it('removing a user ends their sessions at once', async () => {
    const other = await seedTenant('R');
    const session = await openSession(other.subscriber.actor.userId);
    await deleteUserWithoutRooms(other);
    expect(await actorForSession(session)).toBeNull();
  });
});

/** The seeded subscriber organizes a room, which blocks removal: the room goes first. */
async function deleteUserWithoutRooms(other: SeededTenant): Promise<void> {
  await deleteRoom(other.admin.actor, other.roomIds[1], new Date());
  await deleteUser(other.admin.actor, other.subscriber.actor.userId);
}
