import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getConferenceRoute } from '@/app/api/v1/conferences/[id]/route';
import { POST as actionRoute } from '@/app/api/v1/conferences/[id]/actions/route';
import { POST as linkActionRoute } from '@/app/l/[token]/actions/route';
import { actorForUser } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { users } from '@/server/db/schema';
import { eventsSince } from '@/server/live/events';
import { liveHub } from '@/server/live/hub';
import { createRoomLink, resolveLink } from '@/server/live/links';
import { performConferenceAction } from '@/server/live/actions';
import { LINK_ACTIONS_PER_MINUTE, LINK_DIALS_PER_HOUR } from '@/server/live/link-limits';
import { RateLimitError } from '@/server/lib/errors';
import { listLiveConferences } from '@/server/live/view';
import { requestSimulatedCall } from '@/server/live/simulated-calls';
import { createToken } from '@/server/users/tokens';
import { startSimulatedSip, type SimulatedSip } from '@/sip/simulated';
import { seedRoom, seedTenant } from '@/sip/testing/fixtures';
import { call } from '@/test/api/client';
import { useTestDatabase } from '@/test/database';

/**
 * L-2 end to end below the browser: the REST route and a control link's route ask the sip
 * process on the simulated engine (the stand-in for FreeSWITCH), which acts and answers.
 */
useTestDatabase();

let sip: SimulatedSip;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let token: string;
let roomId: string;
const callers: { callId: string; conferenceId: string; participantId: string }[] = [];

beforeAll(async () => {
  tenant = await seedTenant();
  roomId = (await seedRoom({ tenantId: tenant.tenantId, organizerId: tenant.adminUserId }, { roomNumber: '6231', startsAt: new Date(Date.now() - 60_000), pin: '123456' })).id;
  const [admin] = await db().select({ email: users.email }).from(users).where(eq(users.id, tenant.adminUserId));
  ({ token } = await createToken(admin.email));
  sip = await startSimulatedSip({ instance: 'web-live-sip', log: pino({ level: 'silent' }) });
  for (const from of ['+33611000001', '+33611000002', '+33611000003'])
    callers.push((await requestSimulatedCall({ kind: 'place', args: { to: tenant.portalNumber, from, dtmf: '6231#123456#' } }, { now: new Date(), timeoutMs: 20_000 })) as never);
}, 60_000);

afterAll(async () => {
  await sip?.stop();
  await liveHub().close();
});

const conferenceId = () => callers[0].conferenceId;
const act = (body: unknown) => call(actionRoute, 'POST', `/api/v1/conferences/${conferenceId()}/actions`, { token, params: { id: conferenceId() }, body });

describe('actions reach the sip process running the conference', () => {
  it('mutes through the API: answered once done, the state and the log say so', async () => {
    const answer = await act({ action: 'mute', participantId: callers[1].participantId });
    expect(answer).toMatchObject({ status: 200, json: { result: 'ok' } });
    const conference = await call(getConferenceRoute, 'GET', `/api/v1/conferences/${conferenceId()}`, { token, params: { id: conferenceId() } });
    expect(conference.json.participants.find((p: { id: string }) => p.id === callers[1].participantId)).toMatchObject({ muted: true });
    const heard = (await requestSimulatedCall({ kind: 'heard', callId: callers[1].callId }, { now: new Date(), timeoutMs: 5_000 })) as { prompts: string[] };
    expect(heard.prompts).toContain('you-are-muted');
  });

  it('locks through a control link, logged as the link', async () => {
    const admin = (await actorForUser(tenant.adminUserId))!;
    const link = await createRoomLink(admin, roomId, { kind: 'control' }, new Date());
    const linkToken = new URL(link.url).pathname.split('/').pop()!;
    const answer = await call(linkActionRoute, 'POST', `/l/${linkToken}/actions`, { params: { token: linkToken }, body: { conferenceId: conferenceId(), action: 'lock' } });
    expect(answer).toMatchObject({ status: 200, json: { ok: true, data: { result: 'ok' } } });
    const events = await eventsSince({ tenantId: tenant.tenantId, conferenceId: conferenceId(), afterId: 0, limit: 1000 });
    expect(events.find((e) => e.kind === 'action' && (e.payload as { action: string }).action === 'lock')?.payload).toMatchObject({ by: { kind: 'link', id: 'control' }, result: 'ok' });
  });

  it('caps what a control link may do on one conference (a leaked link floods nothing); the organizer is not capped (L-3)', async () => {
    const admin = (await actorForUser(tenant.adminUserId))!;
    const link = await createRoomLink(admin, roomId, { kind: 'control' }, new Date());
    const linkToken = new URL(link.url).pathname.split('/').pop()!;
    const viaLink = (body: Record<string, unknown>) => call(linkActionRoute, 'POST', `/l/${linkToken}/actions`, { params: { token: linkToken }, body: { conferenceId: conferenceId(), ...body } });
    // The earlier test's lock counts too: the cap is per conference, whichever link acted.
    for (let i = 1; i < LINK_ACTIONS_PER_MINUTE; i++) expect((await viaLink({ action: i % 2 ? 'unlock' : 'lock' })).status).toBe(200);
    const logged = async () => (await eventsSince({ tenantId: tenant.tenantId, conferenceId: conferenceId(), afterId: 0, limit: 10_000 })).filter((e) => e.kind === 'action').length;
    const before = await logged();
    const refused = await viaLink({ action: 'mute', participantId: callers[0].participantId });
    expect(refused).toMatchObject({ status: 429, json: { ok: false, code: 'live.linkActionsLimit' } });
    expect(await logged()).toBe(before);
    const conference = await call(getConferenceRoute, 'GET', `/api/v1/conferences/${conferenceId()}`, { token, params: { id: conferenceId() } });
    expect(conference.json.participants.find((p: { id: string }) => p.id === callers[0].participantId)).toMatchObject({ muted: false });
    expect(await act({ action: 'unlock' })).toMatchObject({ status: 200, json: { result: 'ok' } });

    // Dial-out costs money: a link may call out LINK_DIALS_PER_HOUR numbers an hour, even spread over minutes.
    const resolved = (await resolveLink(linkToken))!;
    const later = Date.now() + 2 * 60_000;
    for (let i = 0; i < LINK_DIALS_PER_HOUR; i++)
      expect(await performConferenceAction({ kind: 'link', link: resolved }, conferenceId(), { action: 'dial', number: `01234567${10 + i}` }, new Date(later + i * 1000))).toEqual({ result: 'dialing' });
    const tooMany = await performConferenceAction({ kind: 'link', link: resolved }, conferenceId(), { action: 'dial', number: '0123456799' }, new Date(later + 30 * 60_000)).catch((e) => e);
    expect(tooMany).toBeInstanceOf(RateLimitError);
    expect(tooMany).toMatchObject({ code: 'live.linkDialsLimit', retryAfterSeconds: 30 * 60 });
  });

  it('starts and stops the recording from the API; the live view says it runs (REC-1, L-2)', async () => {
    expect(await act({ action: 'record' })).toMatchObject({ status: 200, json: { result: 'ok' } });
    const admin = (await actorForUser(tenant.adminUserId))!;
    const running = async () => (await listLiveConferences(admin)).items.find((c) => c.id === conferenceId())?.recording;
    for (let i = 0; i < 50 && !(await running()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await running()).toBe(true);
    expect(await act({ action: 'stopRecord' })).toMatchObject({ status: 200, json: { result: 'ok' } });
    for (let i = 0; i < 50 && (await running()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await running()).toBe(false);
    const conference = await call(getConferenceRoute, 'GET', `/api/v1/conferences/${conferenceId()}`, { token, params: { id: conferenceId() } });
    expect(conference.json.recordings).toHaveLength(1);
  });

  it('dials a number the policy allows and answers dialing; the progress comes as events', async () => {
    expect((await act({ action: 'dial', number: '0123456789' })).json).toEqual({ result: 'dialing' });
    for (let i = 0; i < 50; i++) {
      const events = await eventsSince({ tenantId: tenant.tenantId, conferenceId: conferenceId(), afterId: 0, limit: 1000 });
      if (events.some((e) => e.kind === 'dial-progress')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no dial progress');
  });

  it('answers 409 for a participant who hung up, then ends the conference for everyone', async () => {
    await requestSimulatedCall({ kind: 'hangup', callId: callers[2].callId }, { now: new Date(), timeoutMs: 5_000 });
    const left = await act({ action: 'kick', participantId: callers[2].participantId });
    expect(left.status).toBe(409);
    expect((await act({ action: 'end' })).json).toEqual({ result: 'ok' });
    for (let i = 0; i < 50 && (await act({ action: 'unlock' })).status !== 409; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await act({ action: 'unlock' })).status).toBe(409);
  });
});
