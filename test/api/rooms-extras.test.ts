import ical, { type VEvent } from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as calendar } from '@/app/api/v1/rooms/[id]/calendar.ics/route';
import { POST as duplicate } from '@/app/api/v1/rooms/[id]/duplicate/route';
import { GET as members } from '@/app/api/v1/rooms/[id]/members/route';
import { GET as list } from '@/app/api/v1/rooms/route';
import { calendarUid } from '@/emails/ics';
import { db } from '@/server/db/client';
import { notifications } from '@/server/db/schema';
import { addMember } from '@/server/members/service';
import { nextStartLike } from '@/server/rooms/duplicate';
import { createRoom, updateRoom } from '@/server/rooms/service';
import { roomListSchema, roomSchema } from '@/server/rooms/view';
import { createUser } from '@/server/users/service';
import { actorForUser, type Actor } from '@/server/auth/actor';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { call } from './client';

useTestDatabase();

const DAY = 86_400_000;
const now = new Date();
const at = (days: number, hour = 9) => {
  const d = new Date(now.getTime() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

let t: SeededTenant;
let helene: Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await seedTenant('S');
  const { userId } = await createUser(t.tenantId, { email: `helene-${Date.now()}@s.example.com`, password: 'correct horse', role: 'subscriber', name: 'Hélène Lefèvre' });
  helene = (await actorForUser(userId))!;
  const book = async (key: string, actor: Actor, name: string, roomNumber: string, startsAt: Date, bookedAt = now) =>
    (ids[key] = (await createRoom(actor, { roomNumber, name, startsAt: startsAt.toISOString(), durationMinutes: 60, pin: '1357' }, bookedAt)).id);
  await book('comite', t.admin.actor, 'Comité de pilotage', '700100', at(3));
  await book('revue', helene, 'Revue trimestrielle', '700200', at(10));
  await book('budget', t.admin.actor, 'Budget Été', '700300', at(20));
  await book('ancien', t.admin.actor, 'Comité ancien', '700400', at(-30), at(-31));
  await book('ouvert', t.admin.actor, 'Point ouvert', '700500', new Date(now.getTime() - 10 * 60_000), new Date(now.getTime() - 20 * 60_000));
});

const search = async (query: Record<string, string>) => {
  const answer = await call(list, 'GET', '/api/v1/rooms', { token: t.subscriber.token, query: { limit: '200', ...query } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return roomListSchema.parse(answer.json).items.map((r) => r.name);
};

describe('GET /api/v1/rooms?q=&status=&from=&to= (issue 12)', () => {
  it.each([
    ['comite', ['Comité de pilotage', 'Comité ancien']],
    ['COMITÉ PILOTAGE', ['Comité de pilotage']],
    ['ete', ['Budget Été']],
    ['7002', ['Revue trimestrielle']],
    ['helene', ['Revue trimestrielle']],
    ['Lefevre revue', ['Revue trimestrielle']],
  ])('q=%j matches name, number or organizer, accents and case aside', async (q, names) => {
    expect((await search({ q })).sort()).toEqual([...names].sort());
  });

  it('filters by status, derived from the clock and the tenant early join (R-5)', async () => {
    expect(await search({ q: 'comite', status: 'expired' })).toEqual(['Comité ancien']);
    expect(await search({ q: 'comite', status: 'scheduled' })).toEqual(['Comité de pilotage']);
    expect(await search({ status: 'open' })).toContain('Point ouvert');
    expect(await search({ status: 'open' })).not.toContain('Comité de pilotage');
  });

  it('filters by a range of days in the tenant zone, or of instants', async () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect((await search({ from: day(at(2)), to: day(at(11)) })).sort()).toEqual(['Comité de pilotage', 'Revue trimestrielle']);
    expect(await search({ from: at(3).toISOString(), to: at(10).toISOString() })).toEqual(['Comité de pilotage']);
    expect(await search({ to: day(at(-29)) })).toEqual(['Comité ancien']);
  });

  it('keeps the older filter: upcoming hides expired rooms found by q', async () => {
    expect(await search({ q: 'comite', filter: 'upcoming' })).toEqual(['Comité de pilotage']);
  });

  it.each([
    ['status', { status: 'soon' }],
    ['from', { from: '2026-13-01' }],
    ['from', { from: '01/12/2026' }],
    ['to', { to: '2026-02-30' }],
    ['to', { from: '2026-12-10', to: '2026-12-01' }],
    ['q', { q: 'x'.repeat(101) }],
    ['q', { q: 'a\u0000b' }],
  ])('names %s in a bad query %j', async (field, query) => {
    const answer = await call(list, 'GET', '/api/v1/rooms', { token: t.subscriber.token, query });
    expect(answer.status).toBe(400);
    expect(answer.json.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});

describe('POST /api/v1/rooms/{id}/duplicate (issue 12)', () => {
  it('answers 201 with a new room: new number and PIN, same options and members, nobody invited', async () => {
    await updateRoom(t.admin.actor, ids.comite, { enterMuted: true, maxParticipants: 12, description: 'Ordre du jour', moderatorPin: '8642' }, now);
    await addMember(t.admin.actor, ids.comite, { source: 'name', name: 'Iris', email: 'iris@example.test', sendEmail: true });
    await addMember(t.admin.actor, ids.comite, { source: 'extension', extension: '202' });
    const answer = await call(duplicate, 'POST', `/api/v1/rooms/${ids.comite}/duplicate`, { token: t.subscriber.token, params: { id: ids.comite } });
    expect(answer.status).toBe(201);
    const copy = roomSchema.parse(answer.json);
    const original = roomSchema.parse((await call(list, 'GET', '/api/v1/rooms', { token: t.admin.token, query: { q: '700100' } })).json.items[0]);
    expect(copy.id).not.toBe(original.id);
    expect(copy.roomNumber).not.toBe(original.roomNumber);
    expect(copy.roomNumber).toMatch(/^\d{6,7}$/);
    expect(copy.pin).toMatch(/^\d{6}$/);
    expect(copy.pin).not.toBe(original.pin);
    expect(copy.moderatorPin).toMatch(/^\d{6}$/);
    expect(copy).toMatchObject({ name: original.name, startsAt: original.startsAt, durationMinutes: 60, description: 'Ordre du jour', enterMuted: true, maxParticipants: 12, scheduleVersion: 1 });
    expect(copy.organizer.id).toBe(t.subscriber.actor.userId);
    const copied = await call(members, 'GET', `/api/v1/rooms/${copy.id}/members`, { token: t.admin.token, params: { id: copy.id } });
    expect(copied.json.items.map((m: { name: string; sendEmail: boolean }) => [m.name, m.sendEmail])).toEqual([
      ['Iris', true],
      ['Extension S', false],
    ]);
    expect(await db().select().from(notifications).where(eq(notifications.roomId, copy.id))).toEqual([]);
  });

  it('takes a new name and start from the body, and refuses a closed window on startsAt', async () => {
    const named = await call(duplicate, 'POST', '/x', { token: t.admin.token, params: { id: ids.revue }, body: { name: 'Revue (copie)', startsAt: at(40).toISOString() } });
    expect([named.status, named.json.name, named.json.startsAt]).toEqual([201, 'Revue (copie)', at(40).toISOString()]);
    const past = await call(duplicate, 'POST', '/x', { token: t.admin.token, params: { id: ids.revue }, body: { startsAt: at(-5).toISOString() } });
    expect(past.status).toBe(400);
    expect(past.json.errors.map((e: { field: string }) => e.field)).toEqual(['startsAt']);
    const unknown = await call(duplicate, 'POST', '/x', { token: t.admin.token, params: { id: ids.revue }, body: { pin: '1234' } });
    expect(unknown.status).toBe(400);
  });

  it('books an expired room again on the same weekday and time, the first week ahead', async () => {
    const answer = await call(duplicate, 'POST', '/x', { token: t.admin.token, params: { id: ids.ancien } });
    expect(answer.status).toBe(201);
    const start = new Date(answer.json.startsAt);
    expect(start.getTime()).toBeGreaterThan(now.getTime());
    expect(start.getTime() - now.getTime()).toBeLessThanOrEqual(7 * DAY + 3_600_000);
    expect(start.getUTCDay()).toBe(at(-30).getUTCDay());
  });

  it('keeps 10:00 Paris time across a change of clocks', () => {
    const original = { startsAt: new Date('2026-03-23T09:00:00Z'), durationMinutes: 60 };
    expect(nextStartLike(original, 'Europe/Paris', new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });
});

describe('GET /api/v1/rooms/{id}/calendar.ics (E-1, issue 12)', () => {
  it('answers the event as text/calendar, starting at the meeting start in the tenant zone with its VTIMEZONE', async () => {
    const request = new Request(`http://localhost/api/v1/rooms/${ids.budget}/calendar.ics`, { headers: { authorization: `Bearer ${t.subscriber.token}` } });
    const response = await calendar(request, { params: Promise.resolve({ id: ids.budget }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="room-700300.ics"');
    const text = await response.text();
    expect(text).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T\d{6}\r\n/);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
    const event = Object.values(ical.sync.parseICS(text)).find((c) => c?.type === 'VEVENT') as VEvent;
    expect(new Date(event.start).toISOString()).toBe(at(20).toISOString());
    expect(event.uid).toBe(calendarUid(ids.budget));
    expect(event.sequence).toBe(1);
  });

  it('answers 404 problem+json for an unknown room and 401 without a token', async () => {
    const missing = await call(calendar, 'GET', '/x', { token: t.subscriber.token, params: { id: '6d2b7a4e-3c1f-4a8e-9b0d-1f2e3a4b5c6d' } });
    expect([missing.status, missing.contentType]).toEqual([404, 'application/problem+json']);
    expect((await call(calendar, 'GET', '/x', { params: { id: ids.budget } })).status).toBe(401);
  });
});
