import { beforeAll, describe, expect, it } from 'vitest';
import { closeConference, openConference, recordJoin, recordLeave, SIMULATED_MEDIA_SERVER } from '@/server/conferences/records';
import { setLocked, setMuted } from '@/server/conferences/live-state';
import { conferenceListSchema, conferenceSchema } from '@/server/conferences/schemas';
import { call } from '@/test/api/client';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { GET as getOne } from './[id]/route';
import { GET as list } from './route';

useTestDatabase();

let acme: SeededTenant;
let other: SeededTenant;
let aprilFirst: string;
let endOfMarch: string;
let running: string;

const MIN = 60_000;
const iso = (s: string) => new Date(s);

async function conference(tenantId: string, roomId: string | null, startedAt: Date, legs: [string | null, number | null][], endedAfterMs: number | null) {
  const id = await openConference({
    tenantId,
    kind: roomId ? 'room' : 'adhoc',
    roomId,
    roomNumber: roomId ? '4711' : null,
    organizerExtension: roomId ? null : '201',
    mediaServer: 'fs-1',
    sipInstance: 'sip-a',
    mediaName: `room-${roomId}`,
    startedAt,
  });
  for (const [i, [number, stayMs]] of legs.entries()) {
    const participantId = await recordJoin({
      tenantId,
      conferenceId: id,
      callId: `c${i}`,
      callerNumber: number,
      callerName: null,
      role: i === 0 ? 'organizer' : 'participant',
      direction: 'inbound',
      joinedAt: new Date(startedAt.getTime() + i * 1000),
    });
    if (stayMs !== null) await recordLeave(participantId, new Date(startedAt.getTime() + i * 1000 + stayMs), 'hangup');
  }
  if (endedAfterMs !== null) await closeConference(id, new Date(startedAt.getTime() + endedAfterMs), 'empty');
  return id;
}

beforeAll(async () => {
  acme = await seedTenant('Acme');
  other = await seedTenant('Other');
  // 00:30 on 1 April in Paris is still 31 March in UTC: it belongs to April for a Paris tenant.
  aprilFirst = await conference(acme.tenantId, acme.roomIds[0], iso('2026-03-31T22:30:00Z'), [['+33611111111', 10 * MIN], [null, 61_000]], 10 * MIN);
  endOfMarch = await conference(acme.tenantId, null, iso('2026-03-31T21:30:00Z'), [['201', 5 * MIN]], 5 * MIN);
  running = await conference(acme.tenantId, acme.roomIds[1], iso('2026-04-15T08:00:00Z'), [['+33622222222', null]], null);
  await conference(other.tenantId, other.roomIds[0], iso('2026-04-02T08:00:00Z'), [['+33633333333', MIN]], MIN);
});

const get = (id: string, token: string | null) => call(getOne, 'GET', `/api/v1/conferences/${id}`, { token, params: { id } });

describe('GET /api/v1/conferences?month= (API-2, H-2)', () => {
  it("lists the tenant's conferences of the month in its time zone, newest first, with participant-minutes", async () => {
    const answer = await call(list, 'GET', '/api/v1/conferences', { token: acme.admin.token, query: { month: '2026-04' } });
    expect(answer.status).toBe(200);
    const body = conferenceListSchema.parse(answer.json);
    expect(body.items.map((c) => c.id)).toEqual([running, aprilFirst]);
    const april = body.items[1];
    expect(april).toMatchObject({ kind: 'room', participantCount: 2, durationSeconds: 600, endReason: 'empty', inProgress: false });
    expect(april.room).toMatchObject({ id: acme.roomIds[0], roomNumber: '4711' });
    // 10 minutes + 61 seconds (2 started minutes) = 12.
    expect(april.participantMinutes).toBe(12);
    expect(body.totals).toEqual({ conferences: 2, participantMinutes: 12 + body.items[0].participantMinutes });
  });

  it("shows a subscriber only their own rooms' conferences and the ad-hoc calls of their extension (H-2)", async () => {
    const month = (m: string) => call(list, 'GET', '/api/v1/conferences', { token: acme.subscriber.token, query: { month: m } });
    expect((await month('2026-04')).json.items.map((c: { id: string }) => c.id)).toEqual([running]);
    expect((await month('2026-03')).json.items.map((c: { id: string }) => c.id)).toEqual([endOfMarch]);
    expect((await get(aprilFirst, acme.subscriber.token)).status).toBe(404);
  });

  it("leaves the operator's simulated calls out of the history and the bill", async () => {
    const simulated = await openConference({
      tenantId: acme.tenantId,
      kind: 'room',
      roomId: acme.roomIds[0],
      roomNumber: '4711',
      organizerExtension: null,
      mediaServer: SIMULATED_MEDIA_SERVER,
      sipInstance: 'simulator',
      mediaName: 'room-sim',
      startedAt: iso('2026-04-10T08:00:00Z'),
    });
    const answer = await call(list, 'GET', '/api/v1/conferences', { token: acme.admin.token, query: { month: '2026-04' } });
    expect(answer.json.items.map((c: { id: string }) => c.id)).not.toContain(simulated);
  });

  it('shows the conferences of a sip process on the simulated engine, marked simulated: true (issue 10)', async () => {
    const simulated = await openConference({
      tenantId: acme.tenantId,
      kind: 'room',
      roomId: acme.roomIds[0],
      roomNumber: '4711',
      organizerExtension: null,
      mediaServer: 'simulated-sip-sim',
      sipInstance: 'sip-sim',
      mediaName: 'conf-sim',
      startedAt: iso('2026-04-11T08:00:00Z'),
      simulated: true,
    });
    const answer = await call(list, 'GET', '/api/v1/conferences', { token: acme.admin.token, query: { month: '2026-04' } });
    const items = conferenceListSchema.parse(answer.json).items;
    expect(items.find((c) => c.id === simulated)?.simulated).toBe(true);
    expect(items.filter((c) => c.id !== simulated).every((c) => c.simulated === false)).toBe(true);
    const one = await call(getOne, 'GET', `/api/v1/conferences/${simulated}`, { token: acme.admin.token, params: { id: simulated } });
    expect(one.json.simulated).toBe(true);
  });

  it('counts a conference still running up to now', async () => {
    const answer = await call(list, 'GET', '/api/v1/conferences', { token: acme.admin.token, query: { month: '2026-04' } });
    expect(answer.json.items[0]).toMatchObject({ id: running, endedAt: null, inProgress: true });
    expect(answer.json.items[0].participantMinutes).toBeGreaterThan(0);
  });

  it('puts the conference of 31 March 23:30 Paris in March', async () => {
    const answer = await call(list, 'GET', '/api/v1/conferences', { token: acme.admin.token, query: { month: '2026-03' } });
    expect(answer.json.items.map((c: { id: string }) => c.id)).toEqual([endOfMarch]);
  });

  it.each([{}, { month: '2026-4' }, { month: '2026-13' }, { month: 'april' }])('refuses %o with 400 naming month', async (query) => {
    const answer = await call(list, 'GET', '/api/v1/conferences', { token: acme.admin.token, query });
    expect(answer.status).toBe(400);
    expect(answer.json.errors.map((e: { field: string }) => e.field)).toEqual(['month']);
  });

  it('needs a token (401)', async () => {
    expect((await call(list, 'GET', '/api/v1/conferences', { query: { month: '2026-04' } })).status).toBe(401);
  });
});

describe('GET /api/v1/conferences/{id} (API-2, H-1)', () => {
  it('shows every participant leg, a hidden number as null', async () => {
    const answer = await get(aprilFirst, acme.admin.token);
    expect(answer.status).toBe(200);
    const body = conferenceSchema.parse(answer.json);
    expect(body.participants.map((p) => [p.callerNumber, p.role, p.durationSeconds, p.participantMinutes, p.endReason])).toEqual([
      ['+33611111111', 'organizer', 600, 10, 'hangup'],
      [null, 'participant', 61, 2, 'hangup'],
    ]);
  });

  it('carries the action log, oldest first, with who did what to whom (L-2, H-2)', async () => {
    const [organizer] = (await get(aprilFirst, acme.admin.token)).json.participants;
    const change = { tenantId: acme.tenantId, conferenceId: aprilFirst };
    await setMuted({ ...change, at: iso('2026-03-31T22:32:00Z'), by: { kind: 'user', id: acme.admin.actor.userId }, participantIds: [organizer.id], muted: true, action: 'mute', participantId: organizer.id });
    await setLocked({ ...change, at: iso('2026-03-31T22:31:00Z'), by: { kind: 'keypad', id: organizer.id }, locked: true });
    const body = conferenceSchema.parse((await get(aprilFirst, acme.admin.token)).json);
    expect(body.actions).toEqual([
      { at: '2026-03-31T22:31:00.000Z', action: 'lock', by: { kind: 'keypad', id: organizer.id }, result: 'ok' },
      { at: '2026-03-31T22:32:00.000Z', action: 'mute', participantId: organizer.id, by: { kind: 'user', id: acme.admin.actor.userId }, result: 'ok' },
    ]);
  });

  it("answers 404 for another tenant's conference exactly as for a missing or malformed id (T-1)", async () => {
    const foreign = (await call(list, 'GET', '/api/v1/conferences', { token: other.admin.token, query: { month: '2026-04' } })).json.items[0].id;
    const answers = await Promise.all([foreign, '00000000-0000-4000-8000-000000000000', 'not-an-id'].map((id) => get(id, acme.admin.token)));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((a) => JSON.stringify(a.json))).size).toBe(1);
  });
});
