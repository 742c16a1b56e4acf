import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConference, openConference } from '@/server/conferences/records';
import { resetEnvCache } from '@/server/lib/env';
import { recordingByLink, linkFor } from '@/server/recordings/links';
import { useTestDatabase } from '@/test/database';
import { readyRecording } from '@/test/recordings';
import { seedTenant } from '@/test/seed';
import { s3Storage } from './s3';
import { newObjectKey, storage } from './storage';

useTestDatabase();

/** s3rver stands in for an S3-compatible service (MinIO, AWS…): same protocol, on this machine. */
let server: S3rver;
let endpoint: string;
const BUCKET = 'conference-test';
const settings = () => ({ bucket: BUCKET, endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });

beforeAll(async () => {
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: await mkdtemp(path.join(tmpdir(), 's3rver-')), resetOnClose: true, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.close();
});

describe('per-tenant S3-compatible storage (REC-1)', () => {
  it('keeps each object under its tenant, reads it back, deletes it; a missing one is null', async () => {
    const store = s3Storage(settings());
    const [a, b] = [randomUUID(), randomUUID()];
    const key = newObjectKey('recording', 'mp3');
    await store.put(a, key, new Uint8Array([1, 2, 3]));
    expect(await store.get(a, key)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.get(b, key)).toBeNull();
    await store.delete(a, key);
    expect(await store.get(a, key)).toBeNull();
    await store.delete(a, key);
    await expect(store.get(a, '../x.mp3')).rejects.toThrow(/generated object key/);
  });

  it('with STORAGE_S3_BUCKET set, recordings are encoded into the bucket and served by their link', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { STORAGE_S3_BUCKET: BUCKET, STORAGE_S3_ENDPOINT: endpoint, STORAGE_S3_ACCESS_KEY_ID: 'S3RVER', STORAGE_S3_SECRET_ACCESS_KEY: 'S3RVER' });
    resetEnvCache();
    try {
      expect(storage().location).toBe(`s3://${BUCKET} at ${endpoint}`);
      const tenant = await seedTenant('S3');
      const startedAt = new Date('2026-04-10T08:00:00Z');
      const conferenceId = await openConference({ tenantId: tenant.tenantId, kind: 'room', roomId: null, roomNumber: null, organizerExtension: '201', mediaServer: 'fs-1', sipInstance: 'sip-1', mediaName: 's3-rec', startedAt });
      const recordingId = await readyRecording(tenant.tenantId, conferenceId, 2, startedAt);
      await closeConference(conferenceId, new Date(startedAt.getTime() + 60_000), 'empty');
      const { url } = await linkFor({ id: recordingId, tenantId: tenant.tenantId }, 60, startedAt);
      const mp3 = await recordingByLink(url.split('/').pop()!, new Date(startedAt.getTime() + 1000));
      expect(mp3!.byteLength).toBeGreaterThan(1000);
    } finally {
      process.env = saved;
      resetEnvCache();
    }
  });
});
