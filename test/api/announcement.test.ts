import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { DELETE, GET, PUT } from '@/app/api/v1/tenant/announcement/route';
import { announcementSchema } from '@/server/announcements/openapi';
import { MAX_ANNOUNCEMENT_BYTES } from '@/server/announcements/audio';
import { toneWav } from '@/test/audio';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';

useTestDatabase();

let t: SeededTenant;
let other: SeededTenant;
beforeAll(async () => {
  [t, other] = await Promise.all([seedTenant('T'), seedTenant('O')]);
});

const URL = 'http://localhost/api/v1/tenant/announcement';
const context = { params: Promise.resolve({}) };
const send = (handler: typeof GET, method: string, token: string, body?: Uint8Array<ArrayBuffer>, type = 'audio/wav') =>
  handler(new Request(URL, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) }, body }), context);

describe('PUT|GET|DELETE /api/v1/tenant/announcement (T-2)', () => {
  it('stores an uploaded WAV as 8 kHz mono, serves it back, and deletes it', async () => {
    const put = await send(PUT, 'PUT', t.admin.token, toneWav({ seconds: 2.5 }));
    expect(put.status).toBe(200);
    const saved = announcementSchema.parse(await put.json());
    expect(saved).toMatchObject({ durationMs: 2500, source: 'upload' });

    const got = await send(GET, 'GET', t.admin.token);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('audio/wav');
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    const wav = new wavefile.WaveFile(new Uint8Array(await got.arrayBuffer()));
    expect(wav.fmt).toMatchObject({ sampleRate: 8000, numChannels: 1, bitsPerSample: 16 });
    // Another tenant's admin gets nothing of it (T-1).
    expect((await send(GET, 'GET', other.admin.token)).status).toBe(404);

    expect((await send(DELETE, 'DELETE', t.admin.token)).status).toBe(204);
    expect((await send(GET, 'GET', t.admin.token)).status).toBe(404);
  });

  it('takes an MP3 whatever its declared type', async () => {
    const mp3 = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../server/announcements/fixtures/tone-1500ms.mp3')));
    const put = await send(PUT, 'PUT', t.admin.token, mp3, 'application/octet-stream');
    expect(put.status).toBe(200);
    expect((await put.json()).durationMs).toBeGreaterThanOrEqual(1500);
  });

  it('refuses what is not audio, what is too long, an empty body and a body over the cap, naming the field', async () => {
    const notAudio = await send(PUT, 'PUT', t.admin.token, new TextEncoder().encode('<html>not audio</html>'), 'audio/wav');
    expect(notAudio.status).toBe(400);
    expect(notAudio.headers.get('content-type')).toBe('application/problem+json');
    expect((await notAudio.json()).errors).toEqual([{ field: 'file', message: expect.stringContaining('not a WAV or MP3') }]);
    const tooLong = await send(PUT, 'PUT', t.admin.token, toneWav({ seconds: 61, rate: 8000, channels: 1 }));
    expect((await tooLong.json()).errors).toEqual([{ field: 'file', message: expect.stringContaining('60 seconds') }]);
    const empty = await send(PUT, 'PUT', t.admin.token, new Uint8Array());
    expect(empty.status).toBe(400);
    const huge = await send(PUT, 'PUT', t.admin.token, new Uint8Array(MAX_ANNOUNCEMENT_BYTES + 1));
    expect(huge.status).toBe(413);
  });

  it('is for tenant admins only (T-3)', async () => {
    expect((await send(PUT, 'PUT', t.subscriber.token, toneWav({ seconds: 1 }))).status).toBe(403);
    expect((await send(GET, 'GET', t.subscriber.token)).status).toBe(403);
    expect((await send(DELETE, 'DELETE', t.subscriber.token)).status).toBe(403);
    expect((await GET(new Request(URL), context)).status).toBe(401);
  });
});
