import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE } from '@/app/api/v1/rooms/[id]/route';
import { GET as listRooms, POST as createRoom } from '@/app/api/v1/rooms/route';
import { closeDb } from '@/server/db/client';
import { freePort } from '@/server/db/embedded';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { call } from './client';

const database = useTestDatabase();

let t: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('L');
});

/** A body of `total` bytes made on demand, counting how much of it the server pulled. */
function hugeBody(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  createRoom(
    new Request('http://localhost/api/v1/rooms', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit),
    { params: Promise.resolve({}) },
  );

describe('REST bodies over 1 MB (issue 13, contract)', () => {
  it('refuses a declared 100 MB body with 413 problem+json without reading it', async () => {
    const body = hugeBody(100 * 1024 * 1024);
    const answer = await post(body.stream, { 'content-length': String(100 * 1024 * 1024) });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(body.pulled()).toBeLessThan(1024 * 1024);
  });

  it('refuses a streamed (chunked) 100 MB body with 413 after reading little more than 1 MB of it', async () => {
    const body = hugeBody(100 * 1024 * 1024);
    const answer = await post(body.stream);
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ status: 413, detail: expect.stringMatching(/exceeds 1048576 bytes/) });
    expect(body.pulled()).toBeLessThan(2 * 1024 * 1024);
  });

  it('refuses an oversized body even on a route that does not read one', async () => {
    const answer = await DELETE(
      new Request(`http://localhost/api/v1/rooms/${t.roomIds[0]}`, { method: 'DELETE', headers: { authorization: `Bearer ${t.admin.token}`, 'content-length': '5000000' } }),
      { params: Promise.resolve({ id: t.roomIds[0] }) },
    );
    expect(answer.status).toBe(413);
    expect((await call(listRooms, 'GET', '/api/v1/rooms', { token: t.admin.token })).json.items.map((r: { id: string }) => r.id)).toContain(t.roomIds[0]);
  });

  it('still accepts a body just under 1 MB', async () => {
    const padded = JSON.stringify({ roomNumber: '4711', name: 'Big', startsAt: '2030-01-01T10:00:00+01:00', durationMinutes: 30, description: 'd' }).replace('"d"', `"d"${' '.repeat(900_000)}`);
    expect((await post(padded)).status).toBe(201);
  });
});

describe('the API while the database is down (Q-5, issue 13)', () => {
  it('answers 503 problem+json with Retry-After, not 500', async () => {
    await closeDb();
    const url = new URL(database.url());
    url.port = String(await freePort());
    process.env.DATABASE_URL = url.toString();
    try {
      const answer = await listRooms(new Request('http://localhost/api/v1/rooms', { headers: { authorization: `Bearer ${t.admin.token}` } }), { params: Promise.resolve({}) });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.headers.get('retry-after')).toBe('5');
    } finally {
      await closeDb();
      process.env.DATABASE_URL = database.url();
    }
    expect((await call(listRooms, 'GET', '/api/v1/rooms', { token: t.admin.token })).status).toBe(200);
  });
});
