import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { env, type Env } from '@/server/lib/env';
import { isUuid } from '@/server/lib/ids';
import { localStorage } from './local';
import { s3Storage } from './s3';

/**
 * Files of a tenant (its welcome announcement today, recordings later), addressed by the tenant's
 * id and a key the product generated: a name typed by a user never reaches a path or a bucket key.
 */
export interface ObjectStorage {
  /** Where the objects live, for logs and the docs (a folder, or a bucket). */
  readonly location: string;
  put(tenantId: string, key: string, bytes: Uint8Array): Promise<void>;
  /** Null when the object does not exist. */
  get(tenantId: string, key: string): Promise<Uint8Array | null>;
  /** Deleting an object that does not exist is not an error. */
  delete(tenantId: string, key: string): Promise<void>;
}

const KEY = /^[a-z]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,5}$/;

/** A fresh key: what it is, a random uuid, an extension (`announcement-<uuid>.wav`). */
export function newObjectKey(kind: string, extension: string): string {
  const key = `${kind}-${randomUUID()}.${extension}`;
  checkAddress('00000000-0000-0000-0000-000000000000', key);
  return key;
}

/** Every adapter checks the address before touching anything: a key it did not make is a bug, never a path. */
export function checkAddress(tenantId: string, key: string): void {
  if (!isUuid(tenantId)) throw new Error(`storage: not a tenant id: ${JSON.stringify(tenantId)}`);
  if (!KEY.test(key)) throw new Error(`storage: not a generated object key: ${JSON.stringify(key)}`);
}

let cached: { settings: string; storage: ObjectStorage } | undefined;

/**
 * The process's storage: a bucket when STORAGE_S3_BUCKET is set, else the folder STORAGE_DIR.
 * Re-read on each call (tests change the settings between files); built again only when they changed.
 */
export function storage(): ObjectStorage {
  const settings = env();
  const key = JSON.stringify([settings.STORAGE_DIR, settings.STORAGE_S3_BUCKET, settings.STORAGE_S3_ENDPOINT, settings.STORAGE_S3_REGION]);
  if (cached?.settings !== key) cached = { settings: key, storage: build(settings) };
  return cached.storage;
}

function build(settings: Env): ObjectStorage {
  if (!settings.STORAGE_S3_BUCKET) return localStorage(path.resolve(settings.STORAGE_DIR));
  const client = new S3Client({
    region: settings.STORAGE_S3_REGION,
    ...(settings.STORAGE_S3_ENDPOINT ? { endpoint: settings.STORAGE_S3_ENDPOINT, forcePathStyle: true } : {}),
  });
  return s3Storage(client, settings.STORAGE_S3_BUCKET);
}
