import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE, GET as getOne, PATCH } from '@/app/api/v1/rooms/[id]/route';
import { GET as list, POST } from '@/app/api/v1/rooms/route';
import { problemSchema } from '@/server/api/problem';
import { createRoom } from '@/server/rooms/service';
import { roomListSchema, roomSchema } from '@/server/rooms/view';
import { useTestDatabase } from '@/test/database';
import { HOUR, seedTenant, type SeededTenant } from '@/test/seed';
import { call } from './client';

useTestDatabase();

let t: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('R');
});

const inADay = () => new Date(Date.now() + 24 * HOUR).toISOString().replace('Z', '+00:00');
const valid = () => ({ roomNumber: '4711', name: 'Weekly', startsAt: inADay(), durationMinutes: 45, pin: '246810' });
const post = (body: unknown, token = t.admin.token) => call(POST, 'POST', '/api/v1/rooms', { token, body });
const patch = (id: string, body: unknown, token = t.admin.token) => call(PATCH, 'PATCH', `/api/v1/rooms/${id}`, { token, body, params: { id } });

function expectProblem(answer: { status: number; contentType: string | null; json: unknown }, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toBe('application/problem+json');
  expect(problemSchema.parse(answer.json).status).toBe(status);
}

describe('authentication (API-1)', () => {
  it.each([
    ['no header', undefined],
    ['unknown token', 'Bearer cbt_unknown'],
    ['not our token format', 'Bearer abc'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['empty bearer', 'Bearer '],
  ])('answers 401 with %s', async (_, authorization) => {
    const answer = await call(list, 'GET', '/api/v1/rooms', { authorization });
    expectProblem(answer, 401);
  });

  it('checks the token before the body', async () => {
    expectProblem(await call(POST, 'POST', '/api/v1/rooms', { authorization: 'Bearer cbt_nope', body: '{' }), 401);
  });
});

describe('POST /api/v1/rooms', () => {
  it('creates the room with the caller as organizer (API-2)', async () => {
    const answer = await post({ ...valid(), description: 'Status call', moderatorPin: '9999' });
    expect(answer.status).toBe(201);
    const room = roomSchema.parse(answer.json);
    expect(room).toMatchObject({ roomNumber: '4711', name: 'Weekly', durationMinutes: 45, pin: '246810', moderatorPin: '9999', kind: 'audio', status: 'scheduled' });
    expect(room.organizer).toEqual({ id: t.admin.actor.userId, name: t.admin.actor.name });
    expect(new Date(room.window.closesAt).getTime() - new Date(room.startsAt).getTime()).toBe(45 * 60_000);
  });

  it('lasts 15 minutes when no duration is given (R-1)', async () => {
    const { durationMinutes, ...withoutDuration } = valid();
    const answer = await post({ ...withoutDuration, roomNumber: '4720' });
    expect([durationMinutes, answer.status, answer.json.durationMinutes]).toEqual([45, 201, 15]);
  });

  it('refuses a start whose window has already closed, naming startsAt (R-4)', async () => {
    const answer = await post({ ...valid(), roomNumber: '4721', startsAt: new Date(Date.now() - 46 * 60_000).toISOString() });
    expectProblem(answer, 400);
    expect(answer.json.errors).toEqual([{ field: 'startsAt', message: expect.stringContaining('already be closed') }]);
  });

  it('accepts a start in the past while its window is still open: the room is open now (R-5)', async () => {
    const answer = await post({ ...valid(), roomNumber: '4722', startsAt: new Date(Date.now() - 10 * 60_000).toISOString() });
    expect([answer.status, answer.json.status]).toEqual([201, 'open']);
  });

  it.each([
    ['a line feed', 'Budget\nBcc: victim@example.test'],
    ['a carriage return', 'Budget\rX'],
    ['a tab', 'Budget\tX'],
    ['an escape', 'Budget\u001bX'],
    ['a delete', 'Budget\u007fX'],
  ])('refuses %s in the room name, naming the field (issue 13: email injection)', async (_, name) => {
    const answer = await post({ ...valid(), roomNumber: '4723', name });
    expectProblem(answer, 400);
    expect(answer.json.errors).toEqual([{ field: 'name', message: expect.stringContaining('control characters') }]);
  });

  it('keeps the line breaks of a description, and refuses its other control characters', async () => {
    const kept = await post({ ...valid(), roomNumber: '4724', description: 'Ordre du jour :\r\n1. Budget\n2.\tVentes' });
    expect([kept.status, kept.json.description]).toEqual([201, 'Ordre du jour :\r\n1. Budget\n2.\tVentes']);
    const refused = await post({ ...valid(), roomNumber: '4725', description: 'x\u0007y' });
    expect(refused.json.errors).toEqual([{ field: 'description', message: expect.any(String) }]);
  });

  it('reads the offset of startsAt', async () => {
    const answer = await post({ ...valid(), roomNumber: '4712', startsAt: '2030-06-01T09:30:00+02:00' });
    expect(answer.json.startsAt).toBe('2030-06-01T07:30:00.000Z');
  });

  it.each([
    ['roomNumber', { roomNumber: '12' }],
    ['roomNumber', { roomNumber: '12a4' }],
    ['name', { name: '   ' }],
    ['name', { name: 'x'.repeat(201) }],
    ['startsAt', { startsAt: '2030-06-01T09:30:00' }],
    ['startsAt', { startsAt: '01.06.2030 09:30' }],
    ['startsAt', { startsAt: '0000-01-01T00:30:00+01:00' }],
    ['durationMinutes', { durationMinutes: 20 }],
    ['durationMinutes', { durationMinutes: 'long' }],
    ['pin', { pin: '12' }],
    ['pin', { pin: '12 34' }],
    ['moderatorPin', { moderatorPin: '246810' }],
    ['description', { description: 'x'.repeat(2001) }],
    ['kind', { kind: 'video' }],
  ])('names %s when it is invalid: %j', async (field, change) => {
    const answer = await post({ ...valid(), ...change });
    expectProblem(answer, 400);
    expect(answer.json.errors).toContainEqual({ field, message: expect.stringMatching(/^[A-Z].*\.$/) });
  });

  it.each(['roomNumber', 'name', 'startsAt'])('names the missing field %s', async (field) => {
    const body: Record<string, unknown> = valid();
    delete body[field];
    const answer = await post(body);
    expectProblem(answer, 400);
    expect(answer.json.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it.each([
    ['not JSON', '{"roomNumber": '],
    ['a JSON number', '42'],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
  ])('refuses a body that is %s naming body', async (_, body) => {
    const answer = await post(body);
    expectProblem(answer, 400);
    expect(answer.json.errors.map((e: { field: string }) => e.field)).toContain('body');
  });

  it('answers 409 naming roomNumber when the number is taken in the tenant', async () => {
    const answer = await post({ ...valid(), roomNumber: '1001' });
    expectProblem(answer, 409);
    expect(answer.json.errors).toEqual([{ field: 'roomNumber', message: expect.any(String) }]);
  });
});

describe('room options (C-7, C-8, REC-1, H-5)', () => {
  it('starts with the documented defaults', async () => {
    const answer = await post({ ...valid(), roomNumber: '7001' });
    expect(answer.json).toMatchObject({
      enterMuted: false,
      waitForModerator: false,
      endWhenLastModeratorLeaves: false,
      announceJoinLeave: true,
      announceRecording: true,
      maxParticipants: 60,
      recordFromStart: false,
      reportRecipient: 'organizer',
    });
  });

  it('takes every option on create and on change', async () => {
    const options = {
      enterMuted: true,
      waitForModerator: true,
      endWhenLastModeratorLeaves: true,
      announceJoinLeave: false,
      announceRecording: false,
      maxParticipants: 2,
      recordFromStart: true,
      reportRecipient: 'Reports@Example.com',
    };
    const created = await post({ ...valid(), roomNumber: '7002', ...options });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...options, reportRecipient: 'reports@example.com' });
    const changed = await patch(created.json.id, { maxParticipants: 500, reportRecipient: 'none', enterMuted: false });
    expect(changed.json).toMatchObject({ maxParticipants: 500, reportRecipient: 'none', enterMuted: false, waitForModerator: true });
  });

  it.each([
    ['enterMuted', { enterMuted: 'yes' }],
    ['waitForModerator', { waitForModerator: 1 }],
    ['maxParticipants', { maxParticipants: 1 }],
    ['maxParticipants', { maxParticipants: 501 }],
    ['maxParticipants', { maxParticipants: 2.5 }],
    ['maxParticipants', { maxParticipants: '60' }],
    ['reportRecipient', { reportRecipient: 'somebody' }],
    ['reportRecipient', { reportRecipient: '' }],
  ])('names %s when it is invalid: %j', async (field, change) => {
    const answer = await post({ ...valid(), roomNumber: '7003', ...change });
    expectProblem(answer, 400);
    expect(answer.json.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});

describe('moderator PIN visibility (C-8, T-4)', () => {
  const getAs = (id: string, token: string) => call(getOne, 'GET', `/api/v1/rooms/${id}`, { token, params: { id } });
  const listAs = async (token: string) => (await call(list, 'GET', '/api/v1/rooms', { token, query: { limit: '200' } })).json.items as { id: string; moderatorPin: string | null }[];

  it("shows the moderator PIN to the room's organizer and to tenant admins, null to other subscribers", async () => {
    const adminsRoom = await post({ ...valid(), roomNumber: '7101', moderatorPin: '9911' });
    const subscribersRoom = await post({ ...valid(), roomNumber: '7102', moderatorPin: '9922' }, t.subscriber.token);
    expect([adminsRoom.json.moderatorPin, subscribersRoom.json.moderatorPin]).toEqual(['9911', '9922']);

    expect((await getAs(adminsRoom.json.id, t.subscriber.token)).json).toMatchObject({ pin: '246810', moderatorPin: null });
    expect((await getAs(subscribersRoom.json.id, t.subscriber.token)).json.moderatorPin).toBe('9922');
    expect((await getAs(subscribersRoom.json.id, t.admin.token)).json.moderatorPin).toBe('9922');

    const seenBySubscriber = new Map((await listAs(t.subscriber.token)).map((r) => [r.id, r.moderatorPin]));
    expect([seenBySubscriber.get(adminsRoom.json.id), seenBySubscriber.get(subscribersRoom.json.id)]).toEqual([null, '9922']);
    const seenByAdmin = new Map((await listAs(t.admin.token)).map((r) => [r.id, r.moderatorPin]));
    expect([seenByAdmin.get(adminsRoom.json.id), seenByAdmin.get(subscribersRoom.json.id)]).toEqual(['9911', '9922']);
  });
});

describe('GET /api/v1/rooms', () => {
  it('lists the tenant rooms as { items }', async () => {
    const answer = await call(list, 'GET', '/api/v1/rooms', { token: t.subscriber.token });
    expect(answer.status).toBe(200);
    const page = roomListSchema.parse(answer.json);
    expect(page.items.map((r) => r.id)).toEqual(expect.arrayContaining(t.roomIds));
  });

  it('pages with limit and cursor', async () => {
    const first = await call(list, 'GET', '/api/v1/rooms', { token: t.admin.token, query: { limit: '1' } });
    expect(first.json.items).toHaveLength(1);
    expect(first.json.nextCursor).toBe('1');
    const second = await call(list, 'GET', '/api/v1/rooms', { token: t.admin.token, query: { limit: '1', cursor: first.json.nextCursor } });
    expect(second.json.items[0].id).not.toBe(first.json.items[0].id);
  });

  it('filters expired rooms out of upcoming', async () => {
    const booked = new Date('2019-12-01T10:00:00Z');
    const past = { json: await createRoom(t.admin.actor, { ...valid(), roomNumber: '5001', startsAt: '2020-01-01T10:00:00Z' }, booked) };
    const upcoming = await call(list, 'GET', '/api/v1/rooms', { token: t.admin.token, query: { filter: 'upcoming' } });
    const expired = await call(list, 'GET', '/api/v1/rooms', { token: t.admin.token, query: { filter: 'expired' } });
    expect(upcoming.json.items.map((r: { id: string }) => r.id)).not.toContain(past.json.id);
    expect(expired.json.items.map((r: { id: string; status: string }) => [r.id, r.status])).toContainEqual([past.json.id, 'expired']);
  });

  it.each([
    ['limit', { limit: '0' }],
    ['limit', { limit: '1000' }],
    ['limit', { limit: 'ten' }],
    ['cursor', { cursor: '-1' }],
    ['cursor', { cursor: '99999999999999999999' }],
    ['filter', { filter: 'soon' }],
  ])('names %s in a bad query %j', async (field, query) => {
    const answer = await call(list, 'GET', '/api/v1/rooms', { token: t.admin.token, query });
    expectProblem(answer, 400);
    expect(answer.json.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});

describe('GET|PATCH|DELETE /api/v1/rooms/{id}', () => {
  const missing = '6d2b7a4e-3c1f-4a8e-9b0d-1f2e3a4b5c6d';

  it('reads a room', async () => {
    const answer = await call(getOne, 'GET', `/api/v1/rooms/${t.roomIds[0]}`, { token: t.admin.token, params: { id: t.roomIds[0] } });
    expect(answer.status).toBe(200);
    expect(roomSchema.parse(answer.json)).toMatchObject({ id: t.roomIds[0], roomNumber: '1001', pin: '1234' });
  });

  it.each([missing, 'not-a-uuid', '-'.repeat(36), 'f'.repeat(36)])('answers 404 for the id %s', async (id) => {
    expectProblem(await call(getOne, 'GET', `/api/v1/rooms/${id}`, { token: t.admin.token, params: { id } }), 404);
    expectProblem(await patch(id, { name: 'x' }), 404);
    expectProblem(await call(DELETE, 'DELETE', `/api/v1/rooms/${id}`, { token: t.admin.token, params: { id } }), 404);
  });

  it('lets a subscriber read but not change or delete another organizer’s room (T-4)', async () => {
    const id = t.roomIds[0];
    const read = await call(getOne, 'GET', `/api/v1/rooms/${id}`, { token: t.subscriber.token, params: { id } });
    expect(read.status).toBe(200);
    expectProblem(await patch(id, { name: 'Hijacked' }, t.subscriber.token), 403);
    expectProblem(await call(DELETE, 'DELETE', `/api/v1/rooms/${id}`, { token: t.subscriber.token, params: { id } }), 403);
    const after = await call(getOne, 'GET', `/api/v1/rooms/${id}`, { token: t.admin.token, params: { id } });
    expect(after.json).toEqual(read.json);
  });

  it('lets the organizer change a room; a new start is a reschedule', async () => {
    const id = t.roomIds[1];
    const answer = await patch(id, { name: 'Renamed', startsAt: '2031-01-01T10:00:00+01:00', pin: null }, t.subscriber.token);
    expect(answer.status).toBe(200);
    expect(roomSchema.parse(answer.json)).toMatchObject({ name: 'Renamed', startsAt: '2031-01-01T09:00:00.000Z', pin: null, scheduleVersion: 2 });
  });

  it('names the field of an invalid change and changes nothing', async () => {
    const id = t.roomIds[0];
    const answer = await patch(id, { name: 'Fine', durationMinutes: 7 });
    expectProblem(answer, 400);
    expect(answer.json.errors.map((e: { field: string }) => e.field)).toEqual(['durationMinutes']);
    const after = await call(getOne, 'GET', `/api/v1/rooms/${id}`, { token: t.admin.token, params: { id } });
    expect(after.json.name).toBe('Room R 1');
  });

  it('refuses to move a room to a start whose window has closed, but lets an expired room be renamed (R-4, R-5)', async () => {
    const created = await post({ ...valid(), roomNumber: '6002' });
    const id = created.json.id;
    const answer = await patch(id, { startsAt: '2020-01-01T10:00:00Z' });
    expectProblem(answer, 400);
    expect(answer.json.errors.map((e: { field: string }) => e.field)).toEqual(['startsAt']);
    const expired = await createRoom(t.admin.actor, { ...valid(), roomNumber: '6003', startsAt: '2020-01-01T10:00:00Z' }, new Date('2019-12-01T10:00:00Z'));
    const renamed = await patch(expired.id, { name: 'Archive', startsAt: '2020-01-01T11:00:00+01:00' });
    expect([renamed.status, renamed.json.name, renamed.json.status]).toEqual([200, 'Archive', 'expired']);
  });

  it('refuses a body that is not JSON naming body', async () => {
    const answer = await patch(t.roomIds[0], 'name=x');
    expectProblem(answer, 400);
    expect(answer.json.errors[0].field).toBe('body');
  });

  it('answers 409 when a change takes a used room number', async () => {
    const answer = await patch(t.roomIds[0], { roomNumber: '1002' });
    expectProblem(answer, 409);
    expect(answer.json.errors[0].field).toBe('roomNumber');
  });

  it('deletes with 204, after which the room is gone', async () => {
    const created = await post({ ...valid(), roomNumber: '6001' }, t.subscriber.token);
    const id = created.json.id;
    const answer = await call(DELETE, 'DELETE', `/api/v1/rooms/${id}`, { token: t.admin.token, params: { id } });
    expect(answer.status).toBe(204);
    expect(answer.json).toBeUndefined();
    expectProblem(await call(getOne, 'GET', `/api/v1/rooms/${id}`, { token: t.admin.token, params: { id } }), 404);
  });
});
