import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { checkAddress, type ObjectStorage } from './storage';

export interface S3Settings {
  bucket: string;
  /** An S3-compatible server's URL (MinIO, Garage, Scaleway…); AWS itself when absent. */
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `bucket` in the path rather than the host name: what most S3-compatible servers want. */
  forcePathStyle: boolean;
}

/**
 * Objects in an S3-compatible bucket under `<tenant id>/<key>` (REC-1: the recordings' MP3s and
 * the announcements, when the operator prefers a bucket to a folder). Without keys in the
 * settings, the SDK's own chain (instance role, AWS_* variables) is used.
 */
export function s3Storage(settings: S3Settings): ObjectStorage {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
  });
  const Key = (tenantId: string, key: string) => {
    checkAddress(tenantId, key);
    return `${tenantId}/${key}`;
  };
  return {
    location: `s3://${settings.bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`,
    async put(tenantId, key, bytes) {
      await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: Key(tenantId, key), Body: bytes, ContentLength: bytes.byteLength }));
    },
    async get(tenantId, key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: Key(tenantId, key) }));
        return answer.Body ? await answer.Body.transformToByteArray() : null;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(tenantId, key) {
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: Key(tenantId, key) }));
    },
  };
}
