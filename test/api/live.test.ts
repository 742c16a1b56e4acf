import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getConferenceRoute } from '@/app/api/v1/conferences/[id]/route';
import { POST as actionRoute } from '@/app/api/v1/conferences/[id]/actions/route';
import { GET as eventsRoute } from '@/app/api/v1/conferences/[id]/events/route';
import { GET as liveRoute } from '@/app/api/v1/conferences/live/route';
import { POST as createLinkRoute } from '@/app/api/v1/rooms/[id]/links/route';
import { DELETE as deleteLinkRoute } from '@/app/api/v1/rooms/[id]/links/[kind]/route';
import { GET as linkEventsRoute } from '@/app/l/[token]/events/route';
import { POST as linkActionRoute } from '@/app/l/[token]/actions/route';
import { closeConference, openConference, recordJoin, recordLeave } from '@/server/conferences/records';
import { setLocked, setMuted, setTalking } from '@/server/conferences/live-state';
import { liveHub } from '@/server/live/hub';
import { resolveLink } from '@/server/live/links';
import { openLive } from '@/server/live/access';
import { conferenceEventStream } from '@/server/live/stream';
import { call } from '@/test/api/client';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { SseReader } from '@/test/sse';

/** Issue 10 web side: the live REST routes, the event stream, room links and their pages' routes (L-1..L-3). */
useTestDatabase();

let t: SeededTenant;
let other: SeededTenant;
let conferenceId: string;
let participantId: string;
const at = new Date();
const controllers: AbortController[] = [];

async function running(tenant: SeededTenant, roomId: string, number: string | null) {
  const id = await openConference({ tenantId: tenant.tenantId, kind: 'room', roomId, roomNumber: null, organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'no-such-sip-process', mediaName: `live-${Math.random()}`, startedAt: at });
  const pid = await recordJoin({ tenantId: tenant.tenantId, conferenceId: id, callId: `c-${Math.random()}`, callerNumber: number, callerName: 'Alice', role: 'participant', direction: 'inbound', joinedAt: at });
  return { id, pid };
}

beforeAll(async () => {
  t = await seedTenant('L', { roomNumbers: ['6201', '6202'] });
  other = await seedTenant('M', { roomNumbers: ['6203', '6204'] });
  ({ id: conferenceId, pid: participantId } = await running(t, t.roomIds[0], '+33612345678'));
});

afterAll(async () => {
  for (const c of controllers) c.abort();
  await liveHub().close();
});

function stream(handler: (r: Request, c: { params: Promise<any> }) => Promise<Response>, url: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  controllers.push(controller);
  const request = new Request(new URL(url, 'http://localhost'), { headers, signal: controller.signal });
  return { response: handler(request, { params: Promise.resolve(params) }), abort: () => controller.abort() };
}

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('GET /api/v1/conferences/live and /conferences/{id} (L-1)', () => {
  it('lists the running conference with the participants in it, numbers whole for the tenant', async () => {
    const answer = await call(liveRoute, 'GET', '/api/v1/conferences/live', { token: t.subscriber.token });
    expect(answer.status).toBe(200);
    expect(answer.json.items).toEqual([
      expect.objectContaining({
        id: conferenceId,
        roomId: t.roomIds[0],
        locked: false,
        participants: [{ id: participantId, number: '+33612345678', name: 'Alice', role: 'participant', joinedAt: at.toISOString(), leftAt: null, muted: false, talking: false, handRaised: false }],
      }),
    ]);
    expect((await call(liveRoute, 'GET', '/api/v1/conferences/live', { token: other.admin.token })).json.items).toEqual([]);
  });

  it('gives the conference its live fields while it runs', async () => {
    const answer = await call(getConferenceRoute, 'GET', `/api/v1/conferences/${conferenceId}`, { token: t.admin.token, params: { id: conferenceId } });
    expect(answer.json).toMatchObject({ live: true, locked: false });
    expect(answer.json.participants[0]).toMatchObject({ id: participantId, number: '+33612345678', name: 'Alice', role: 'participant', muted: false, talking: false, handRaised: false, leftAt: null });
  });
});

describe('GET /api/v1/conferences/{id}/events (SSE)', () => {
  it('pushes state changes under the Contract names, resumes after Last-Event-ID, and carries no action log', async () => {
    const { response, abort } = stream(eventsRoute, `/api/v1/conferences/${conferenceId}/events`, { id: conferenceId }, { authorization: `Bearer ${t.admin.token}` });
    const answer = await response;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    const reader = new SseReader(answer);
    // What the sip process writes for a `*2` and a `*6` from the keypad.
    await setMuted({ tenantId: t.tenantId, conferenceId, at, by: { kind: 'keypad', id: participantId }, participantIds: [participantId], muted: true, action: 'mute', participantId });
    await setLocked({ tenantId: t.tenantId, conferenceId, at, by: { kind: 'keypad', id: participantId }, locked: true });
    const updated = await reader.until((e) => e.event === 'participant.updated');
    expect(JSON.parse(updated.data)).toMatchObject({ conferenceId, participant: { id: participantId, muted: true, number: '+33612345678' } });
    const locked = await reader.until((e) => e.event === 'conference.updated');
    expect(JSON.parse(locked.data)).toMatchObject({ conferenceId, locked: true });
    expect(reader.events.map((e) => e.event)).toEqual(['participant.updated', 'conference.updated']);
    abort();

    // Resuming after the update replays what came after it, from the table.
    const resumed = new SseReader(await stream(eventsRoute, `/api/v1/conferences/${conferenceId}/events`, { id: conferenceId }, { authorization: `Bearer ${t.admin.token}`, 'last-event-id': updated.id! }).response);
    expect((await resumed.until((e) => e.event === 'conference.updated')).id).toBe(locked.id);
  });

  it('closes a stream whose viewer may no longer look (a revoked token, an ended session) at the next heartbeat', async () => {
    let allowed = true;
    const controller = new AbortController();
    controllers.push(controller);
    const access = await openLive({ kind: 'user', actor: t.admin.actor, via: 'api' }, conferenceId);
    const reader = new SseReader(await conferenceEventStream({ access, afterId: null, page: false, signal: controller.signal, heartbeatMs: 50, stillAllowed: async () => allowed }));
    await new Promise((r) => setTimeout(r, 150));
    expect(reader.done).toBe(false);
    allowed = false;
    await reader.ended();
  });

  it('answers 404 for another tenant and 401 without a token', async () => {
    expect((await call(eventsRoute, 'GET', `/api/v1/conferences/${conferenceId}/events`, { token: other.admin.token, params: { id: conferenceId } })).status).toBe(404);
    expect((await call(eventsRoute, 'GET', `/api/v1/conferences/${conferenceId}/events`, { params: { id: conferenceId } })).status).toBe(401);
  });
});

describe('POST /api/v1/conferences/{id}/actions (L-2)', () => {
  const act = (token: string, body: unknown, id = conferenceId) => call(actionRoute, 'POST', `/api/v1/conferences/${id}/actions`, { token, params: { id }, body });

  it('lets a subscriber who is not the organizer read only', async () => {
    expect((await act(t.subscriber.token, { action: 'lock' })).status).toBe(403);
  });

  it('names the missing or bad fields', async () => {
    const missing = await act(t.admin.token, { action: 'mute' });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([{ field: 'participantId', message: expect.any(String) }]);
    expect((await act(t.admin.token, { action: 'dial', number: '06 12' })).json.errors).toEqual([{ field: 'number', message: expect.any(String) }]);
    expect((await act(t.admin.token, { action: 'explode' })).json.errors[0].field).toBe('action');
  });

  it('refuses a number the dial-out policy forbids before anything is sent (A-5)', async () => {
    const answer = await act(t.admin.token, { action: 'dial', number: '0899123456' });
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([{ field: 'number', message: expect.stringContaining('dial-out policy') }]);
  });

  it('answers 503 at once when the sip process running the conference is gone', async () => {
    const started = Date.now();
    const answer = await act(t.admin.token, { action: 'lock' });
    expect(answer.status).toBe(503);
    expect(answer.contentType).toBe('application/problem+json');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers 409 for a participant who left and for an ended conference, changing nothing', async () => {
    const { id, pid } = await running(t, t.roomIds[1], '0612345678');
    await recordLeave(pid, new Date(), 'hangup');
    const left = await act(t.admin.token, { action: 'kick', participantId: pid }, id);
    expect(left.status).toBe(409);
    expect(left.json.detail).toContain('already left');
    await closeConference(id, new Date(), 'empty');
    expect((await act(t.admin.token, { action: 'lock' }, id)).status).toBe(409);
  });
});

describe('room links (L-3)', () => {
  const create = (token: string, roomId: string, kind: string) => call(createLinkRoute, 'POST', `/api/v1/rooms/${roomId}/links`, { token, params: { id: roomId }, body: { kind } });

  it('creates a tracking URL whose page streams masked numbers and the action log, and dies when regenerated', async () => {
    const created = await create(t.admin.token, t.roomIds[0], 'tracking');
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ kind: 'tracking', url: expect.stringMatching(/\/l\/[A-Za-z0-9_-]{43}$/) });
    const token = tokenOf(created.json.url);
    expect(await resolveLink(token)).toMatchObject({ roomId: t.roomIds[0], kind: 'tracking', maskCallerNumbers: true });

    const page = new SseReader(await stream(linkEventsRoute, `/l/${token}/events?conferenceId=${conferenceId}`, { token }).response);
    await setTalking(t.tenantId, conferenceId, [{ participantId, talking: true }], at);
    await setLocked({ tenantId: t.tenantId, conferenceId, at, by: { kind: 'user', id: t.admin.actor.userId }, locked: false });
    expect(JSON.parse((await page.until((e) => e.event === 'participant.updated')).data).participant.number).toBe('+•••••••5678');
    expect(JSON.parse((await page.until((e) => e.event === 'action')).data)).toMatchObject({ action: 'unlock', by: { kind: 'user', id: null } });

    // A tracking page reads only.
    const refused = await call(linkActionRoute, 'POST', `/l/${token}/actions`, { params: { token }, body: { conferenceId, action: 'lock' } });
    expect(refused.status).toBe(403);

    const again = await create(t.admin.token, t.roomIds[0], 'tracking');
    expect(again.status).toBe(201);
    expect((await page.until((e) => e.event === 'link.revoked')).event).toBe('link.revoked');
    await page.ended();
    expect(await resolveLink(token)).toBeNull();
    expect((await call(linkEventsRoute, 'GET', `/l/${token}/events`, { params: { token } })).status).toBe(404);
    expect(await resolveLink(tokenOf(again.json.url))).not.toBeNull();
  });

  it('deletes a link: its URL answers 404 and a page waiting for the room is told', async () => {
    const created = await create(t.admin.token, t.roomIds[1], 'control');
    const token = tokenOf(created.json.url);
    const waiting = new SseReader(await stream(linkEventsRoute, `/l/${token}/events`, { token }).response);
    const deleted = await call(deleteLinkRoute, 'DELETE', `/api/v1/rooms/${t.roomIds[1]}/links/control`, { token: t.subscriber.token, params: { id: t.roomIds[1], kind: 'control' } });
    expect(deleted.status).toBe(204);
    await waiting.until((e) => e.event === 'link.revoked');
    expect(await resolveLink(token)).toBeNull();
    expect((await call(linkActionRoute, 'POST', `/l/${token}/actions`, { params: { token }, body: { conferenceId, action: 'lock' } })).status).toBe(404);
  });

  it("lets only the room's organizer or an admin make links, and refuses an unknown kind", async () => {
    expect((await create(t.subscriber.token, t.roomIds[0], 'control')).status).toBe(403);
    const bad = await create(t.admin.token, t.roomIds[0], 'spy');
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ field: 'kind', message: expect.any(String) }]);
  });

  it("opens nothing of another room or another tenant (T-1)", async () => {
    const own = tokenOf((await create(t.admin.token, t.roomIds[0], 'control')).json.url);
    const foreign = await running(other, other.roomIds[0], '+33700000000');
    for (const id of [foreign.id, '00000000-0000-4000-8000-000000000000']) {
      expect((await call(linkEventsRoute, 'GET', `/l/${own}/events`, { params: { token: own }, query: { conferenceId: id } })).status).toBe(404);
      expect((await call(linkActionRoute, 'POST', `/l/${own}/actions`, { params: { token: own }, body: { conferenceId: id, action: 'lock' } })).status).toBe(404);
    }
    // A control link acts only through the sip process; its conference answers like any other (here: that process is gone).
    expect((await call(linkActionRoute, 'POST', `/l/${own}/actions`, { params: { token: own }, body: { conferenceId, action: 'lock' } })).status).toBe(503);
  });
});
