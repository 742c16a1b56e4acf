import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { checkAddress, type ObjectStorage } from './storage';

const CONTENT_TYPES: Record<string, string> = { wav: 'audio/wav' };

/**
 * Objects in a bucket as `<tenant id>/<key>`. Credentials come from the AWS SDK's usual chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role).
 */
export function s3Storage(client: S3Client, bucket: string): ObjectStorage {
  const address = (tenantId: string, key: string) => {
    checkAddress(tenantId, key);
    return { Bucket: bucket, Key: `${tenantId}/${key}` };
  };
  return {
    location: `s3://${bucket}`,
    async put(tenantId, key, bytes) {
      const contentType = CONTENT_TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream';
      await client.send(new PutObjectCommand({ ...address(tenantId, key), Body: bytes, ContentType: contentType }));
    },
    async get(tenantId, key) {
      try {
        const object = await client.send(new GetObjectCommand(address(tenantId, key)));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(tenantId, key) {
      // S3 answers a delete of a missing object with success, as the local adapter does.
      await client.send(new DeleteObjectCommand(address(tenantId, key)));
    },
  };
}
