import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/webhooks/route';
import { DELETE as deleteRoute } from '@/app/api/v1/webhooks/[id]/route';
import { openConference, recordJoin, recordLeave, closeConference } from '@/server/conferences/records';
import { setMuted, setTalking } from '@/server/conferences/live-state';
import { resetEnvCache } from '@/server/lib/env';
import { call } from '@/test/api/client';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { WebhookReceiver } from '@/test/webhook-receiver';
import { deliverDueWebhooks, retryDelay } from './deliver';
import { startWebhookDelivery } from '@/server/jobs/webhooks';
import { logger } from '@/server/lib/logger';
import { readyRecording } from '@/test/recordings';
import { finishRecordings, recordingStarted, recordingStopped } from '@/server/recordings/service';

/** Issue 10 webhooks: registration (admins, https, no private addresses) and signed, ordered, retried, never doubled deliveries. */
useTestDatabase();

let t: SeededTenant;
const receiver = new WebhookReceiver();
let receiverUrl: string;
const start = new Date('2026-06-01T09:00:00Z');

beforeAll(async () => {
  t = await seedTenant('W', { roomNumbers: ['6211', '6212'] });
  receiverUrl = await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  resetEnvCache();
});

const allowPrivate = (on: boolean) => {
  if (on) process.env.WEBHOOKS_ALLOW_PRIVATE = '1';
  else delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  resetEnvCache();
};

describe('POST|GET|DELETE /api/v1/webhooks', () => {
  it('registers an https endpoint for tenant admins, shows the secret once and the last error always', async () => {
    allowPrivate(false);
    const created = await call(createRoute, 'POST', '/api/v1/webhooks', { token: t.admin.token, body: { url: 'https://93.184.216.34/hooks', events: ['conference.started', 'conference.started'] } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: expect.any(String), secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{32}$/), events: ['conference.started'], lastError: null });
    const listed = await call(listRoute, 'GET', '/api/v1/webhooks', { token: t.admin.token });
    expect(listed.json.items).toEqual([expect.objectContaining({ id: created.json.id, url: 'https://93.184.216.34/hooks', lastError: null })]);
    expect(JSON.stringify(listed.json)).not.toContain('whsec_');
    expect((await call(deleteRoute, 'DELETE', `/api/v1/webhooks/${created.json.id}`, { token: t.admin.token, params: { id: created.json.id } })).status).toBe(204);
    expect((await call(deleteRoute, 'DELETE', `/api/v1/webhooks/${created.json.id}`, { token: t.admin.token, params: { id: created.json.id } })).status).toBe(404);
  });

  it('refuses subscribers, http, private and loopback addresses, and unknown events, naming the field', async () => {
    allowPrivate(false);
    expect((await call(createRoute, 'POST', '/api/v1/webhooks', { token: t.subscriber.token, body: { url: 'https://93.184.216.34/', events: ['conference.ended'] } })).status).toBe(403);
    expect((await call(listRoute, 'GET', '/api/v1/webhooks', { token: t.subscriber.token })).status).toBe(403);
    for (const [url, message] of [
      ['http://93.184.216.34/hooks', 'https://'],
      ['https://127.0.0.1/hooks', 'private'],
      ['https://169.254.169.254/latest/meta-data', 'private'],
      ['https://[::1]:8443/', 'private'],
      [receiverUrl, 'https://'],
    ]) {
      const refused = await call(createRoute, 'POST', '/api/v1/webhooks', { token: t.admin.token, body: { url, events: ['conference.ended'] } });
      expect(refused.status, url).toBe(400);
      expect(refused.json.errors, url).toEqual([{ field: 'url', message: expect.stringContaining(message) }]);
    }
    const badEvents = await call(createRoute, 'POST', '/api/v1/webhooks', { token: t.admin.token, body: { url: 'https://93.184.216.34/', events: ['room.deleted'] } });
    expect(badEvents.json.errors[0].field).toMatch(/^events/);
  });
});

describe('deliveries through the outbox', () => {
  let conferenceId: string;
  let secret: string;
  let endpointId: string;

  it('sends each subscribed event once, signed, in order, with { type, timestamp, data }', async () => {
    allowPrivate(true);
    const created = await call(createRoute, 'POST', '/api/v1/webhooks', {
      token: t.admin.token,
      body: { url: receiverUrl, events: ['conference.started', 'conference.ended', 'participant.joined', 'participant.left', 'participant.muted'] },
    });
    expect(created.status).toBe(201);
    ({ id: endpointId, secret } = created.json);
    receiver.secret = secret;

    // What the sip process writes as the conference runs (server/conferences/records.ts, live-state.ts).
    conferenceId = await openConference({ tenantId: t.tenantId, kind: 'room', roomId: t.roomIds[0], roomNumber: '6211', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-w', mediaName: 'w-1', startedAt: start });
    const pid = await recordJoin({ tenantId: t.tenantId, conferenceId, callId: 'w-call-1', callerNumber: '+33612345678', callerName: null, role: 'participant', direction: 'inbound', joinedAt: start });
    // Talking changes are no webhook; a mute is, once.
    await setTalking(t.tenantId, conferenceId, [{ participantId: pid, talking: true }], start);
    await setMuted({ tenantId: t.tenantId, conferenceId, at: start, by: { kind: 'keypad', id: pid }, participantIds: [pid], muted: true, action: 'mute', participantId: pid });
    await setTalking(t.tenantId, conferenceId, [{ participantId: pid, talking: false }], start);
    await recordLeave(pid, start, 'hangup');
    await closeConference(conferenceId, start, 'empty');

    // Two workers at once: each delivery goes out once.
    const reports = await Promise.all([1, 2].map((n) => deliverDueWebhooks({ now: () => new Date(), claimant: `worker-${n}`, allowPrivate: true })));
    expect(reports.reduce((sum, r) => sum + r.delivered, 0)).toBe(5);
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received.map((r) => r.type)).toEqual(['conference.started', 'participant.joined', 'participant.muted', 'participant.left', 'conference.ended']);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(5);
    expect(receiver.received[2]).toMatchObject({ timestamp: start.toISOString(), data: { conferenceId, roomId: t.roomIds[0], participant: { id: pid, number: '+33612345678', muted: true } } });
    expect(receiver.received[4].data).toMatchObject({ conferenceId, reason: 'empty' });
  });

  it('retries a receiver that is down with back-off, shows the error, then delivers everything in order', async () => {
    receiver.received.length = 0;
    receiver.failWith = 503;
    const second = await openConference({ tenantId: t.tenantId, kind: 'room', roomId: t.roomIds[1], roomNumber: '6212', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-w', mediaName: 'w-2', startedAt: start });
    // Its conference.started goes first, then the three joins.
    for (let i = 0; i < 3; i++)
      await recordJoin({ tenantId: t.tenantId, conferenceId: second, callId: `w2-${i}`, callerNumber: `+3361234567${i}`, callerName: null, role: 'participant', direction: 'inbound', joinedAt: start });
    let clock = Date.now();
    const now = () => new Date(clock);
    const down = await deliverDueWebhooks({ now, claimant: 'w', allowPrivate: true });
    // Only the first of the conference was tried: the others wait behind it (order per conference).
    expect(down).toEqual({ delivered: 0, failed: 1 });
    const listed = await call(listRoute, 'GET', '/api/v1/webhooks', { token: t.admin.token });
    expect(listed.json.items.find((w: { id: string }) => w.id === endpointId).lastError).toBe('HTTP 503 Service Unavailable');
    // Nothing is due before the back-off ends.
    expect(await deliverDueWebhooks({ now, claimant: 'w', allowPrivate: true })).toEqual({ delivered: 0, failed: 0 });

    receiver.failWith = null;
    clock += retryDelay(1) + 1000;
    expect(await deliverDueWebhooks({ now, claimant: 'w', allowPrivate: true })).toEqual({ delivered: 4, failed: 0 });
    expect(receiver.received.map((r) => r.type)).toEqual(['conference.started', 'participant.joined', 'participant.joined', 'participant.joined']);
    expect(receiver.received.slice(1).map((r) => r.data.participant.number)).toEqual(['+33612345670', '+33612345671', '+33612345672']);
    const after = await call(listRoute, 'GET', '/api/v1/webhooks', { token: t.admin.token });
    expect(after.json.items.find((w: { id: string }) => w.id === endpointId)).toMatchObject({ lastError: null, lastDeliveredAt: expect.any(String) });
  });

  it('is sent by the worker as soon as the event is written (its NOTIFY), not at the next minute', async () => {
    allowPrivate(true);
    receiver.received.length = 0;
    const worker = await startWebhookDelivery({ claimant: 'worker-live', log: logger.child({ test: 'webhooks' }) });
    try {
      const third = await openConference({ tenantId: t.tenantId, kind: 'room', roomId: t.roomIds[0], roomNumber: '6211', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-w', mediaName: 'w-3', startedAt: new Date() });
      for (let i = 0; i < 100 && !receiver.received.some((r) => r.data.conferenceId === third); i++) await new Promise((r) => setTimeout(r, 50));
      expect(receiver.received.map((r) => [r.type, r.data.conferenceId])).toEqual([['conference.started', third]]);
    } finally {
      await worker.stop();
    }
  });

  it('sends recording.ready once the MP3 is stored, after conference.ended, and nothing for a recording that failed (REC-1)', async () => {
    allowPrivate(true);
    // Only this endpoint now, with its own secret.
    await call(deleteRoute, 'DELETE', `/api/v1/webhooks/${endpointId}`, { token: t.admin.token, params: { id: endpointId } });
    receiver.received.length = 0;
    const created = await call(createRoute, 'POST', '/api/v1/webhooks', { token: t.admin.token, body: { url: receiverUrl, events: ['conference.ended', 'recording.ready'] } });
    receiver.secret = created.json.secret;
    const recorded = await openConference({ tenantId: t.tenantId, kind: 'room', roomId: t.roomIds[1], roomNumber: '6212', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-w', mediaName: 'w-rec', startedAt: start });
    // A recording whose file never came: failed, so no webhook for it.
    const lost = await recordingStarted({ tenantId: t.tenantId, conferenceId: recorded, wavPath: '/nonexistent/lost.wav', startedAt: start });
    await recordingStopped(t.tenantId, lost, new Date(start.getTime() + 1000));
    await finishRecordings(new Date(start.getTime() + 1000));
    await closeConference(recorded, new Date(start.getTime() + 5_000), 'empty');
    // The worker encodes after the conference ended, as it does when the last callers hang up.
    const recordingId = await readyRecording(t.tenantId, recorded, 4, new Date(start.getTime() + 1000));

    const report = await deliverDueWebhooks({ now: () => new Date(), claimant: 'w', allowPrivate: true });
    expect(report).toEqual({ delivered: 2, failed: 0 });
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received.map((r) => r.type)).toEqual(['conference.ended', 'recording.ready']);
    expect(receiver.received[1].data).toEqual({
      conferenceId: recorded,
      roomId: t.roomIds[1],
      roomNumber: '6212',
      recording: { id: recordingId, startedAt: '2026-06-01T09:00:01.000Z', stoppedAt: '2026-06-01T09:00:05.000Z', readyAt: '2026-06-01T09:00:05.000Z', durationSeconds: 4, sizeBytes: expect.any(Number) },
    });
    expect(receiver.received[1].data.recording.sizeBytes).toBeGreaterThan(1000);
    // Encoding again finds nothing to do: the webhook is not doubled.
    await finishRecordings(new Date());
    expect(await deliverDueWebhooks({ now: () => new Date(), claimant: 'w', allowPrivate: true })).toEqual({ delivered: 0, failed: 0 });
    await call(deleteRoute, 'DELETE', `/api/v1/webhooks/${created.json.id}`, { token: t.admin.token, params: { id: created.json.id } });
  });
});
