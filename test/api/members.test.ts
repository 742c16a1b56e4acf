import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE } from '@/app/api/v1/rooms/[id]/members/[memberId]/route';
import { GET, POST } from '@/app/api/v1/rooms/[id]/members/route';
import { memberListSchema, memberSchema } from '@/server/members/schemas';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { call } from './client';

useTestDatabase();

let t: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('M');
});

const missing = '6d2b7a4e-3c1f-4a8e-9b0d-1f2e3a4b5c6d';
const path = (id: string) => `/api/v1/rooms/${id}/members`;
const add = (body: unknown, token = t.admin.token, id = t.roomIds[0]) => call(POST, 'POST', path(id), { token, body, params: { id } });
const listOf = (id: string, token = t.admin.token) => call(GET, 'GET', path(id), { token, params: { id } });
const remove = (id: string, memberId: string, token = t.admin.token) =>
  call(DELETE, 'DELETE', `${path(id)}/${memberId}`, { token, params: { id, memberId } });
const fields = (answer: { json: { errors?: { field: string }[] } }) => answer.json.errors?.map((e) => e.field);

describe('GET /api/v1/rooms/{id}/members', () => {
  it('lists the members as { items } (API-2)', async () => {
    const answer = await listOf(t.roomIds[0], t.subscriber.token);
    expect(answer.status).toBe(200);
    const { items } = memberListSchema.parse(answer.json);
    expect(items.map((m) => m.id)).toEqual(t.memberIds);
    expect(items[0]).toMatchObject({ source: 'extension', extension: '202', name: 'Extension M', sendEmail: true });
    expect(items[1]).toMatchObject({ source: 'directory', name: 'Contact M', sendEmail: false });
    expect(items[2]).toMatchObject({ source: 'name', name: 'Guest M' });
  });

  it('answers 404 for an unknown room', async () => {
    expect((await listOf(missing)).status).toBe(404);
  });

  it('answers 401 without a token', async () => {
    expect((await listOf(t.roomIds[0], '')).status).toBe(401);
  });
});

describe('POST /api/v1/rooms/{id}/members (M-1)', () => {
  it.each([
    ['a free name', { source: 'name', name: 'Ada', email: 'ada@example.com', sendEmail: true }, { name: 'Ada', email: 'ada@example.com', sendEmail: true }],
    ['an extension', { source: 'extension', extension: '201' }, { extension: '201', name: 'Subscriber M', sendEmail: false }],
    ['an extension, renamed', { source: 'extension', extension: '202', name: 'Bob' }, { extension: '202', name: 'Bob' }],
  ])('adds %s with 201', async (_, body, expected) => {
    const answer = await add(body);
    expect(answer.status).toBe(201);
    expect(memberSchema.parse(answer.json)).toMatchObject({ source: body.source, ...expected });
  });

  it('adds a directory entry with its name and email', async () => {
    const answer = await add({ source: 'directory', directoryEntryId: t.directoryEntryId, sendEmail: true });
    expect(answer.status).toBe(201);
    expect(memberSchema.parse(answer.json)).toMatchObject({ source: 'directory', name: 'Contact M', email: expect.stringContaining('contact@') });
  });

  it.each([
    ['source', {}],
    ['source', { source: 'phone', name: 'x' }],
    ['name', { source: 'name' }],
    ['name', { source: 'name', name: '' }],
    ['email', { source: 'name', name: 'x', email: 'not-an-email' }],
    ['sendEmail', { source: 'name', name: 'x', sendEmail: 'yes' }],
    ['extension', { source: 'extension', extension: 'abc' }],
    ['extension', { source: 'extension', extension: '999' }],
    ['directoryEntryId', { source: 'directory', directoryEntryId: 'x' }],
    ['directoryEntryId', { source: 'directory', directoryEntryId: missing }],
  ])('names %s when %j is refused', async (field, body) => {
    const answer = await add(body);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/problem+json');
    expect(fields(answer)).toEqual([field]);
  });

  it('refuses "send emails" for a member without an email address, naming email, and adds nothing (M-3)', async () => {
    const before = await listOf(t.roomIds[0]);
    const answer = await add({ source: 'name', name: 'Nobody', sendEmail: true });
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([{ field: 'email', message: 'Give an email address to send emails to this member.' }]);
    expect((await listOf(t.roomIds[0])).json).toEqual(before.json);
  });

  it('refuses a body that is not JSON naming body', async () => {
    const answer = await add('source=name');
    expect(answer.status).toBe(400);
    expect(fields(answer)).toEqual(['body']);
  });

  it('lets only the organizer or an admin add (T-4)', async () => {
    const before = await listOf(t.roomIds[0]);
    expect((await add({ source: 'name', name: 'Eve' }, t.subscriber.token)).status).toBe(403);
    expect((await listOf(t.roomIds[0])).json).toEqual(before.json);
    expect((await add({ source: 'name', name: 'Own' }, t.subscriber.token, t.roomIds[1])).status).toBe(201);
  });

  it('answers 404 for an unknown room', async () => {
    expect((await add({ source: 'name', name: 'x' }, t.admin.token, missing)).status).toBe(404);
  });
});

describe('DELETE /api/v1/rooms/{id}/members/{memberId} (M-2)', () => {
  it('removes with 204', async () => {
    const created = await add({ source: 'name', name: 'Short stay' });
    const answer = await remove(t.roomIds[0], created.json.id);
    expect(answer.status).toBe(204);
    expect((await listOf(t.roomIds[0])).json.items.map((m: { id: string }) => m.id)).not.toContain(created.json.id);
  });

  it('refuses a subscriber on another organizer’s room', async () => {
    expect((await remove(t.roomIds[0], t.memberIds[2], t.subscriber.token)).status).toBe(403);
  });

  it.each([missing, 'nope', '-'.repeat(36)])('answers 404 for the member id %s', async (memberId) => {
    expect((await remove(t.roomIds[0], memberId)).status).toBe(404);
  });

  it('answers 404 for a member of another room', async () => {
    expect((await remove(t.roomIds[1], t.memberIds[0])).status).toBe(404);
  });
});
