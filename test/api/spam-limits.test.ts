import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as invite } from '@/app/api/v1/rooms/[id]/invitations/route';
import { POST as addMemberRoute } from '@/app/api/v1/rooms/[id]/members/route';
import { actions } from '@/server/actions';
import { executeAction } from '@/server/actions/define';
import { db } from '@/server/db/client';
import { members, notifications } from '@/server/db/schema';
import { resetEnvCache } from '@/server/lib/env';
import { addMember } from '@/server/members/service';
import { createRoom } from '@/server/rooms/service';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { call } from './client';

useTestDatabase();

let t: SeededTenant;
beforeAll(async () => {
  process.env.ROOM_MEMBERS_MAX = '5';
  process.env.INVITATION_EMAILS_PER_HOUR = '6';
  resetEnvCache();
  t = await seedTenant('Spam');
});
afterAll(() => {
  delete process.env.ROOM_MEMBERS_MAX;
  delete process.env.INVITATION_EMAILS_PER_HOUR;
  resetEnvCache();
});

const memberCount = async (roomId: string) => (await db().select({ n: count() }).from(members).where(eq(members.roomId, roomId)))[0].n;
const newRoom = (roomNumber: string) =>
  createRoom(t.subscriber.actor, { roomNumber, name: `Room ${roomNumber}`, startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 30, pin: '2468' }, new Date());

describe('members per room are capped (issue 13, ROOM_MEMBERS_MAX)', () => {
  it('refuses the member past the limit with 409 problem+json naming the limit, and adds nothing', async () => {
    const room = await newRoom('7001');
    for (let i = 0; i < 5; i++) await addMember(t.subscriber.actor, room.id, { source: 'name', name: `Guest ${i}`, email: `g${i}@outside.example` });
    const refused = await call(addMemberRoute, 'POST', `/api/v1/rooms/${room.id}/members`, {
      token: t.subscriber.token,
      params: { id: room.id },
      body: { source: 'name', name: 'One too many', email: 'extra@outside.example' },
    });
    expect(refused.status).toBe(409);
    expect(refused.contentType).toBe('application/problem+json');
    expect(refused.json).toMatchObject({ detail: 'This room already has the maximum of 5 members', errors: [{ field: 'members' }] });
    expect(await memberCount(room.id)).toBe(5);
  });

  it('holds when many members are added at once', async () => {
    const room = await newRoom('7002');
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => addMember(t.subscriber.actor, room.id, { source: 'name', name: `Rush ${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(await memberCount(room.id)).toBe(5);
  });

  it('the portal form gets the message, not an error', async () => {
    const room = await newRoom('7003');
    for (let i = 0; i < 5; i++) await addMember(t.subscriber.actor, room.id, { source: 'name', name: `Guest ${i}` });
    const result = await executeAction(actions.addMember, t.subscriber.actor, { roomId: room.id, source: 'name', name: 'Sixth' }, new Date());
    expect(result).toMatchObject({ ok: false, status: 409, code: 'members.tooMany' });
  });
});

describe('invitation emails per user per hour are capped (issue 13, INVITATION_EMAILS_PER_HOUR)', () => {
  it('refuses a send that would pass the hourly limit with 429 problem+json naming the limit, and queues no email', async () => {
    const first = await newRoom('7101');
    for (let i = 0; i < 3; i++) await addMember(t.subscriber.actor, first.id, { source: 'name', name: `A${i}`, email: `a${i}@outside.example`, sendEmail: true });
    const sent = await call(invite, 'POST', `/api/v1/rooms/${first.id}/invitations`, { token: t.subscriber.token, params: { id: first.id } });
    expect(sent).toMatchObject({ status: 200, json: { sent: 3 } });

    const second = await newRoom('7102');
    for (let i = 0; i < 3; i++) await addMember(t.subscriber.actor, second.id, { source: 'name', name: `B${i}`, email: `b${i}@outside.example`, sendEmail: true });
    const refused = await call(invite, 'POST', `/api/v1/rooms/${second.id}/invitations`, { token: t.subscriber.token, params: { id: second.id } });
    expect(refused.status).toBe(429);
    expect(refused.contentType).toBe('application/problem+json');
    expect(refused.json.detail).toMatch(/limit of 6 per hour/);
    const queued = await db().select({ n: count() }).from(notifications).where(eq(notifications.roomId, second.id));
    expect(queued[0].n).toBe(0);

    const fromPortal = await executeAction(actions.sendInvitations, t.subscriber.actor, { roomId: second.id }, new Date());
    expect(fromPortal).toMatchObject({ ok: false, status: 429, code: 'invitations.hourlyLimit' });
  });

  it('counts per user: another user of the tenant may still send', async () => {
    const room = await createRoom(t.admin.actor, { roomNumber: '7201', name: 'Admin room', startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 30 }, new Date());
    await addMember(t.admin.actor, room.id, { source: 'name', name: 'C', email: 'c@outside.example', sendEmail: true });
    const sent = await call(invite, 'POST', `/api/v1/rooms/${room.id}/invitations`, { token: t.admin.token, params: { id: room.id } });
    expect(sent).toMatchObject({ status: 200, json: { sent: 1 } });
  });
});
