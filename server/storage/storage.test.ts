import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/server/lib/env';
import { localStorage } from './local';
import { s3Storage } from './s3';
import { newObjectKey, storage, type ObjectStorage } from './storage';

const BUCKET = 'tenant-files';
let s3: { server: S3rver; client: S3Client; endpoint: string };
beforeAll(async () => {
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: await mkdtemp(path.join(tmpdir(), 's3rver-')), configureBuckets: [{ name: BUCKET }] });
  const { port } = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver's fixed credentials.
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  s3 = { server, client, endpoint };
});
afterAll(async () => {
  s3.client.destroy();
  await s3.server.close();
});

const adapters: [string, () => Promise<ObjectStorage>][] = [
  ['local folder', async () => localStorage(await mkdtemp(path.join(tmpdir(), 'storage-')))],
  ['S3 bucket (s3rver)', async () => s3Storage(s3.client, BUCKET)],
];

describe.each(adapters)('per-tenant storage (T-2 announcements): %s', (_, make) => {
  it('keeps each object under its tenant, reads it back, and deletes it', async () => {
    const store = await make();
    const tenantA = randomUUID();
    const tenantB = randomUUID();
    const key = newObjectKey('announcement', 'wav');
    await store.put(tenantA, key, new Uint8Array([1, 2, 3]));
    expect(await store.get(tenantA, key)).toEqual(new Uint8Array([1, 2, 3]));
    // The same key under another tenant is another object: B never reads A's file.
    expect(await store.get(tenantB, key)).toBeNull();
    await store.delete(tenantA, key);
    expect(await store.get(tenantA, key)).toBeNull();
    await store.delete(tenantA, key);
  });

  it('refuses any address it did not generate: never a path from outside', async () => {
    const store = await make();
    const tenant = randomUUID();
    for (const key of ['../../etc/passwd', 'announcement.wav', `announcement-${randomUUID()}.wav/../x`, '/tmp/x.wav', ''])
      await expect(store.get(tenant, key)).rejects.toThrow(/generated object key/);
    await expect(store.put('../other', newObjectKey('announcement', 'wav'), new Uint8Array())).rejects.toThrow(/tenant id/);
  });
});

describe('where the objects are', () => {
  it('a local object is the file <STORAGE_DIR>/<tenant>/<key>, gone once deleted', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'storage-'));
    const tenant = randomUUID();
    const key = newObjectKey('announcement', 'wav');
    await localStorage(root).put(tenant, key, new Uint8Array([9]));
    expect(await readdir(path.join(root, tenant))).toEqual([key]);
    await localStorage(root).delete(tenant, key);
    expect(existsSync(path.join(root, tenant, key))).toBe(false);
  });

  it('STORAGE_S3_BUCKET sends them to the bucket as <tenant>/<key>', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { STORAGE_S3_BUCKET: BUCKET, STORAGE_S3_ENDPOINT: s3.endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    resetEnvCache();
    try {
      const tenant = randomUUID();
      const key = newObjectKey('announcement', 'wav');
      expect(storage().location).toBe(`s3://${BUCKET}`);
      await storage().put(tenant, key, new Uint8Array([4, 2]));
      const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${tenant}/` }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual([`${tenant}/${key}`]);
    } finally {
      process.env = saved;
      resetEnvCache();
    }
  });
});
