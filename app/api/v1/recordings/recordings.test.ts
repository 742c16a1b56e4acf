import { beforeAll, describe, expect, it } from 'vitest';
import { closeConference, openConference } from '@/server/conferences/records';
import { linkFor, recordingByLink } from '@/server/recordings/links';
import { finishRecordings, recordingStarted, recordingStopped } from '@/server/recordings/service';
import { writeSimulatedRecording } from '@/sip/telephony/sim/recording';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { call } from '@/test/api/client';
import { useTestDatabase } from '@/test/database';
import { readyRecording } from '@/test/recordings';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { GET as listen } from '../../recordings/[token]/route';
import { GET as getConference } from '../conferences/[id]/route';
import { POST as link } from './[id]/link/route';
import { DELETE as remove } from './[id]/route';

useTestDatabase();

let acme: SeededTenant;
let conferenceId: string;
let recordingId: string;
const startedAt = new Date('2026-04-10T08:00:00Z');

beforeAll(async () => {
  acme = await seedTenant('Acme');
  // The subscriber organizes the second room: organizer of this conference.
  conferenceId = await openConference({ tenantId: acme.tenantId, kind: 'room', roomId: acme.roomIds[1], roomNumber: '6790', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-1', mediaName: 'rec-api', startedAt });
  recordingId = await readyRecording(acme.tenantId, conferenceId, 3, startedAt);
  await closeConference(conferenceId, new Date(startedAt.getTime() + 60_000), 'empty');
});

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;
const fetchLink = (url: string) => listen(new Request(url), { params: Promise.resolve({ token: tokenOf(url) }) });

describe('recordings API (REC-2)', () => {
  it('lists the recordings on GET /api/v1/conferences/{id}', async () => {
    const answer = await call(getConference, 'GET', `/api/v1/conferences/${conferenceId}`, { token: acme.subscriber.token, params: { id: conferenceId } });
    expect(answer.status).toBe(200);
    expect(answer.json.recordings).toEqual([{ id: recordingId, state: 'ready', durationSeconds: 3 }]);
  });

  it('gives the organizer an expiring link that serves audio/mpeg without a session, and 404 once expired', async () => {
    const answer = await call(link, 'POST', `/api/v1/recordings/${recordingId}/link`, { token: acme.subscriber.token, params: { id: recordingId }, body: { ttlSeconds: 120 } });
    expect(answer.status).toBe(200);
    const expiresAt = new Date(answer.json.expiresAt);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(110_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(120_000);
    const response = await fetchLink(answer.json.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    // The same link a second past its expiry.
    expect(await recordingByLink(tokenOf(answer.json.url), new Date(expiresAt.getTime() + 1000))).toBeNull();
    expect(await recordingByLink(tokenOf(answer.json.url), new Date(expiresAt.getTime() - 1000))).not.toBeNull();
  });

  it('lasts an hour by default (empty body); refuses a bad ttlSeconds naming it; a made-up token is 404', async () => {
    const answer = await call(link, 'POST', `/api/v1/recordings/${recordingId}/link`, { token: acme.admin.token, params: { id: recordingId } });
    expect(answer.status).toBe(200);
    expect(Math.round((new Date(answer.json.expiresAt).getTime() - Date.now()) / 60_000)).toBe(60);
    const bad = await call(link, 'POST', `/api/v1/recordings/${recordingId}/link`, { token: acme.admin.token, params: { id: recordingId }, body: { ttlSeconds: 'soon' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('ttlSeconds');
    expect((await fetchLink('http://localhost/api/recordings/' + 'x'.repeat(43))).status).toBe(404);
  });

  it("answers a link followed before the MP3 is encoded with 503 'being prepared' and Retry-After, then the audio", async () => {
    const held = await openConference({ tenantId: acme.tenantId, kind: 'room', roomId: acme.roomIds[1], roomNumber: '6790', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-1', mediaName: 'rec-pending', startedAt });
    const wavPath = path.join(await mkdtemp(path.join(os.tmpdir(), 'rec-pending-')), 'recording.wav');
    writeSimulatedRecording(wavPath, 2000);
    const id = await recordingStarted({ tenantId: acme.tenantId, conferenceId: held, wavPath, startedAt });
    // As the report email does when the conference closes: a link before the worker encoded it.
    const { url } = await linkFor({ id, tenantId: acme.tenantId }, 3600, new Date());
    for (const step of ['recording', 'encoding']) {
      const early = await fetchLink(url);
      expect(early.status, step).toBe(503);
      expect(early.headers.get('retry-after')).toBe('30');
      const text = await early.text();
      expect(text).toContain('being prepared');
      expect(text).toContain('en cours de préparation');
      if (step === 'recording') await recordingStopped(acme.tenantId, id, new Date(startedAt.getTime() + 2000));
    }
    await finishRecordings(new Date(startedAt.getTime() + 2000));
    const ready = await fetchLink(url);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('content-type')).toBe('audio/mpeg');
  });

  it('lets admins only delete it: the row stays as deleted, its links 404 at once', async () => {
    const { json } = await call(link, 'POST', `/api/v1/recordings/${recordingId}/link`, { token: acme.admin.token, params: { id: recordingId } });
    const refused = await call(remove, 'DELETE', `/api/v1/recordings/${recordingId}`, { token: acme.subscriber.token, params: { id: recordingId } });
    expect(refused.status).toBe(403);
    const deleted = await call(remove, 'DELETE', `/api/v1/recordings/${recordingId}`, { token: acme.admin.token, params: { id: recordingId } });
    expect(deleted.status).toBe(204);
    expect((await fetchLink(json.url)).status).toBe(404);
    const after = await call(getConference, 'GET', `/api/v1/conferences/${conferenceId}`, { token: acme.admin.token, params: { id: conferenceId } });
    expect(after.json.recordings).toEqual([{ id: recordingId, state: 'deleted', durationSeconds: 3 }]);
    const again = await call(link, 'POST', `/api/v1/recordings/${recordingId}/link`, { token: acme.admin.token, params: { id: recordingId } });
    expect(again.status).toBe(409);
  });
});
