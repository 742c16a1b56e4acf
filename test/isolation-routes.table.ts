import { expect } from 'vitest';
import type { Answer } from '@/test/api/client';
import type { SeededTenant } from '@/test/seed';

/** One attempt of tenant B (as its admin) on tenant A's data through one route and method. */
export interface RouteCase {
  what: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Default 404. Whatever it is, the harness also checks that it is the very answer B gets when A's ids are replaced by ids that exist nowhere (T-1). */
  status?: number;
  check?: (answer: Answer) => void;
}

/** A also has a conference (with one participant leg and a ready recording, REC-2) in CONFERENCE_MONTH. */
export interface IsolationTenants {
  a: SeededTenant & { conferenceId: string; webhookId: string; recordingId: string };
  b: SeededTenant;
}

type RouteRow = (tenants: IsolationTenants) => RouteCase[];

export const CONFERENCE_MONTH = '2026-04';

const idsOf = (items: { id: string }[]) => items.map((item) => item.id);

/** Keyed `METHOD /api/v1/...` exactly as the route file tree spells it; the harness fails on a route without a row. */
export const routeRows: Record<string, RouteRow> = {
  'GET /api/v1/openapi.json': ({ a }) => [
    {
      what: 'reads the public document, which holds no tenant data',
      status: 200,
      check: (answer) => {
        expect(JSON.stringify(answer.json)).not.toContain(a.tenantId);
      },
    },
  ],
  'GET /api/v1/rooms': ({ a, b }) => [
    {
      what: "lists rooms and sees none of A's",
      query: { limit: '200' },
      status: 200,
      check: (answer) => {
        for (const id of a.roomIds) expect(idsOf(answer.json.items)).not.toContain(id);
        const organizers = new Set(answer.json.items.map((room: { organizer: { id: string } }) => room.organizer.id));
        expect([...organizers].every((id) => id === b.admin.actor.userId || id === b.subscriber.actor.userId)).toBe(true);
      },
    },
  ],
  'POST /api/v1/rooms': () => [
    {
      what: "books A's room number, which is free in B (a 409 would reveal A's room)",
      body: { roomNumber: '3002', name: 'Mine', startsAt: '2031-03-01T10:00:00+01:00', durationMinutes: 30 },
      status: 201,
    },
  ],
  'GET /api/v1/rooms/[id]': ({ a }) => [{ what: "reads A's room", params: { id: a.roomIds[0] } }],
  'PATCH /api/v1/rooms/[id]': ({ a }) => [
    { what: "renames A's room", params: { id: a.roomIds[0] }, body: { name: 'Taken over', pin: null } },
    { what: "reschedules A's subscriber's room", params: { id: a.roomIds[1] }, body: { startsAt: '2031-03-01T10:00:00+01:00' } },
  ],
  'DELETE /api/v1/rooms/[id]': ({ a }) => [{ what: "deletes A's room", params: { id: a.roomIds[0] } }],
  'GET /api/v1/rooms/[id]/members': ({ a }) => [{ what: "lists the members of A's room", params: { id: a.roomIds[0] } }],
  'POST /api/v1/rooms/[id]/members': ({ a, b }) => [
    { what: "adds a member to A's room", params: { id: a.roomIds[0] }, body: { source: 'name', name: 'Spy' } },
    {
      what: "adds A's directory entry to B's own room (refused like an unknown entry)",
      params: { id: b.roomIds[0] },
      body: { source: 'directory', directoryEntryId: a.directoryEntryId },
      status: 400,
      check: (answer) => {
        expect(answer.json.errors).toEqual([{ field: 'directoryEntryId', message: expect.any(String) }]);
      },
    },
  ],
  'DELETE /api/v1/rooms/[id]/members/[memberId]': ({ a, b }) => [
    { what: "removes a member of A's room", params: { id: a.roomIds[0], memberId: a.memberIds[0] } },
    { what: "removes A's member through B's own room", params: { id: b.roomIds[0], memberId: a.memberIds[1] } },
  ],
  'POST /api/v1/rooms/[id]/invitations': ({ a }) => [{ what: "sends the invitations of A's room", params: { id: a.roomIds[0] } }],
  'GET /api/v1/rooms/[id]/calendar.ics': ({ a }) => [{ what: "downloads the calendar file of A's room", params: { id: a.roomIds[0] } }],
  'POST /api/v1/rooms/[id]/duplicate': ({ a }) => [
    { what: "copies A's room and its members", params: { id: a.roomIds[0] } },
    { what: "copies A's room under a new name", params: { id: a.roomIds[1] }, body: { name: 'Copied' } },
  ],
  'GET /api/v1/[...path]': ({ a }) => [{ what: "guesses a path below A's room", params: { path: `rooms/${a.roomIds[0]}/secret` } }],
  'POST /api/v1/[...path]': ({ a }) => [{ what: "posts below A's room", params: { path: `rooms/${a.roomIds[0]}/secret` }, body: {} }],
  'PUT /api/v1/[...path]': ({ a }) => [{ what: "puts A's room", params: { path: `rooms/${a.roomIds[0]}` }, body: {} }],
  'PATCH /api/v1/[...path]': ({ a }) => [{ what: "patches below A's room", params: { path: `rooms/${a.roomIds[0]}/secret` }, body: {} }],
  'DELETE /api/v1/[...path]': ({ a }) => [{ what: "deletes below A's room", params: { path: `rooms/${a.roomIds[0]}/secret` } }],
  'GET /api/v1/conferences': ({ a }) => [
    {
      what: "lists the month in which A held a conference and sees none of A's",
      query: { month: CONFERENCE_MONTH },
      status: 200,
      check: (answer) => {
        expect(idsOf(answer.json.items)).not.toContain(a.conferenceId);
        expect(answer.json.totals).toEqual({ conferences: answer.json.items.length, participantMinutes: expect.any(Number) });
      },
    },
  ],
  'GET /api/v1/conferences/[id]': ({ a }) => [{ what: "reads A's conference and its participants", params: { id: a.conferenceId } }],
  'GET /api/v1/conferences/export.csv': ({ a }) => [
    {
      what: "exports the month in which A held a conference and gets none of A's legs",
      query: { month: CONFERENCE_MONTH },
      status: 200,
      check: (answer) => {
        expect(answer.contentType).toBe('text/csv; charset=utf-8');
        expect(answer.text).not.toContain(a.conferenceId);
      },
    },
  ],
  'GET /api/v1/conferences/report.pdf': () => [
    {
      what: 'prints the month in which A held a conference (its own conferences only: same query as the CSV)',
      query: { month: CONFERENCE_MONTH },
      status: 200,
      check: (answer) => {
        expect(answer.contentType).toBe('application/pdf');
      },
    },
  ],
  'GET /api/v1/conferences/[id]/report.pdf': ({ a }) => [{ what: "prints the report of A's conference", params: { id: a.conferenceId } }],
  'POST /api/v1/recordings/[id]/link': ({ a }) => [
    { what: "asks for a link to A's recording", params: { id: a.recordingId } },
    { what: "asks for a day-long link to A's recording", params: { id: a.recordingId }, body: { ttlSeconds: 86_400 } },
  ],
  'DELETE /api/v1/recordings/[id]': ({ a }) => [{ what: "deletes A's recording", params: { id: a.recordingId } }],
  'GET /api/v1/usage': ({ a }) => [
    {
      what: "reads the month's usage in which A held a conference and sees none of A's rooms",
      query: { month: CONFERENCE_MONTH },
      status: 200,
      check: (answer) => {
        expect(answer.json.rooms.map((line: { roomId: string | null }) => line.roomId)).not.toContain(a.roomIds[0]);
        expect(answer.json.total).toEqual({ conferences: 1, participantMinutes: 10 });
      },
    },
  ],
  'GET /api/v1/conferences/live': ({ a }) => [
    {
      what: "lists running conferences and sees none of A's",
      status: 200,
      check: (answer) => {
        expect(idsOf(answer.json.items)).not.toContain(a.conferenceId);
        expect(JSON.stringify(answer.json)).not.toContain(a.tenantId);
      },
    },
  ],
  'POST /api/v1/conferences/[id]/actions': ({ a }) => [
    { what: "locks A's conference", params: { id: a.conferenceId }, body: { action: 'lock' } },
    { what: "dials out from A's conference", params: { id: a.conferenceId }, body: { action: 'dial', number: '0123456789' } },
  ],
  'GET /api/v1/conferences/[id]/events': ({ a }) => [{ what: "follows the event stream of A's conference", params: { id: a.conferenceId } }],
  'POST /api/v1/rooms/[id]/links': ({ a }) => [
    { what: "creates a tracking link for A's room", params: { id: a.roomIds[0] }, body: { kind: 'tracking' } },
    { what: "regenerates the control link of A's subscriber's room", params: { id: a.roomIds[1] }, body: { kind: 'control' } },
  ],
  'DELETE /api/v1/rooms/[id]/links/[kind]': ({ a }) => [{ what: "deletes the tracking link of A's room", params: { id: a.roomIds[0], kind: 'tracking' } }],
  'GET /api/v1/webhooks': ({ a }) => [
    {
      what: "lists its webhooks and sees none of A's",
      status: 200,
      check: (answer) => {
        expect(JSON.stringify(answer.json)).not.toContain(a.tenantId);
        expect(answer.json.items.every((w: { url: string }) => !w.url.includes('tenant-a'))).toBe(true);
      },
    },
  ],
  'POST /api/v1/webhooks': () => [
    { what: 'registers an endpoint of its own', body: { url: 'https://93.184.216.34/hooks/b', events: ['conference.started'] }, status: 201 },
  ],
  'DELETE /api/v1/webhooks/[id]': ({ a }) => [{ what: "removes A's webhook endpoint", params: { id: a.webhookId } }],
  'GET /api/v1/tenant': ({ a, b }) => [
    {
      what: 'reads its own tenant, never A',
      status: 200,
      check: (answer) => {
        expect(answer.json.id).toBe(b.tenantId);
        expect(JSON.stringify(answer.json)).not.toContain(a.tenantId);
      },
    },
  ],
  'PATCH /api/v1/tenant': ({ b }) => [
    {
      what: 'changes its own tenant only',
      body: { name: 'Tenant B renamed', earlyJoinMinutes: 9 },
      status: 200,
      check: (answer) => {
        expect(answer.json).toMatchObject({ id: b.tenantId, name: 'Tenant B renamed', earlyJoinMinutes: 9 });
      },
    },
  ],
  'GET /api/v1/tenant/announcement': () => [{ what: "downloads its own welcome announcement (it has none), never A's", status: 404 }],
  'PUT /api/v1/tenant/announcement': () => [{ what: 'uploads a body that is not audio: refused, and A keeps its own', body: { not: 'audio' }, status: 400 }],
  'DELETE /api/v1/tenant/announcement': () => [{ what: "deletes its own welcome announcement, never A's", status: 204 }],
  'GET /api/v1/users': ({ a, b }) => [
    {
      what: "lists users and sees none of A's",
      status: 200,
      check: (answer) => {
        const ids = idsOf(answer.json.items);
        expect(ids).toEqual(expect.arrayContaining([b.admin.actor.userId, b.subscriber.actor.userId]));
        expect(ids).not.toContain(a.admin.actor.userId);
        expect(ids).not.toContain(a.subscriber.actor.userId);
      },
    },
  ],
  'GET /api/v1/users/[id]': ({ a }) => [{ what: "reads A's subscriber", params: { id: a.subscriber.actor.userId } }],
  'PATCH /api/v1/users/[id]': ({ a }) => [
    { what: "renames A's subscriber", params: { id: a.subscriber.actor.userId }, body: { name: 'Taken over' } },
    { what: "moves A's admin's email and role", params: { id: a.admin.actor.userId }, body: { email: 'spy@isolation.example.com', role: 'subscriber', extension: '999' } },
  ],
  'POST /api/v1/users/[id]/password-link': ({ a }) => [{ what: "sends A's subscriber a password link", params: { id: a.subscriber.actor.userId } }],
  'POST /api/v1/imports/[kind]': ({ a }) => [
    {
      what: "previews A's users' emails: refused as taken, in the words any taken email gets",
      params: { kind: 'users' },
      body: { csv: `email\n${a.subscriber.actor.email}\n` },
      status: 200,
      check: (answer) => {
        expect(answer.json.lines[0].errors).toEqual([{ field: 'email', code: 'email.taken' }]);
      },
    },
    { what: 'imports directory entries into B only', params: { kind: 'directory' }, body: { csv: 'name\nImported by B\n', mode: 'all' }, status: 201 },
  ],
};
