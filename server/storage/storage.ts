import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { env } from '@/server/lib/env';
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

let cached: { where: string; storage: ObjectStorage } | undefined;

/**
 * The process's storage: a bucket when STORAGE_S3_BUCKET is set, otherwise the local folder
 * STORAGE_DIR (tests change it between files, so the settings are re-read).
 */
export function storage(): ObjectStorage {
  const settings = env();
  const where = settings.STORAGE_S3_BUCKET ? `s3:${settings.STORAGE_S3_ENDPOINT ?? ''}/${settings.STORAGE_S3_BUCKET}` : path.resolve(settings.STORAGE_DIR);
  if (cached?.where !== where) {
    cached = {
      where,
      storage: settings.STORAGE_S3_BUCKET
        ? s3Storage({
            bucket: settings.STORAGE_S3_BUCKET,
            endpoint: settings.STORAGE_S3_ENDPOINT,
            region: settings.STORAGE_S3_REGION,
            accessKeyId: settings.STORAGE_S3_ACCESS_KEY_ID,
            secretAccessKey: settings.STORAGE_S3_SECRET_ACCESS_KEY,
            forcePathStyle: settings.STORAGE_S3_FORCE_PATH_STYLE,
          })
        : localStorage(where),
    };
  }
  return cached.storage;
}
