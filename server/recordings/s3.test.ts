import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConference } from '@/server/conferences/records';
import { resetEnvCache } from '@/server/lib/env';
import { storage } from '@/server/storage/storage';
import { useTestDatabase } from '@/test/database';
import { readyRecording } from '@/test/recordings';
import { seedTenant } from '@/test/seed';
import { linkFor, recordingByLink } from './links';

useTestDatabase();

/** s3rver stands in for an S3-compatible service (MinIO, AWS…): same protocol, on this machine. */
const BUCKET = 'recordings-test';
let server: S3rver;
let endpoint: string;

beforeAll(async () => {
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: await mkdtemp(path.join(tmpdir(), 's3rver-')), configureBuckets: [{ name: BUCKET }] });
  const { port } = (await server.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.close();
});

describe('recordings in an S3-compatible bucket (REC-1)', () => {
  it('with STORAGE_S3_BUCKET set, the worker encodes into the bucket and the link serves it from there', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { STORAGE_S3_BUCKET: BUCKET, STORAGE_S3_ENDPOINT: endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    resetEnvCache();
    try {
      expect(storage().location).toContain(BUCKET);
      const tenant = await seedTenant('S3');
      const startedAt = new Date('2026-04-10T08:00:00Z');
      const conferenceId = await openConference({ tenantId: tenant.tenantId, kind: 'adhoc', roomId: null, roomNumber: null, organizerExtension: '201', mediaServer: 'fs-1', sipInstance: 'sip-1', mediaName: 's3-rec', startedAt });
      const recordingId = await readyRecording(tenant.tenantId, conferenceId, 2, startedAt);
      const { url } = await linkFor({ id: recordingId, tenantId: tenant.tenantId }, 60, startedAt);
      const mp3 = await recordingByLink(url.split('/').pop()!, new Date(startedAt.getTime() + 1000));
      expect(mp3!.byteLength).toBeGreaterThan(1000);
    } finally {
      process.env = saved;
      resetEnvCache();
    }
  });
});
