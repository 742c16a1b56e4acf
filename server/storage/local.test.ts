import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localStorage } from './local';
import { newObjectKey } from './storage';

describe('per-tenant local storage (T-2 announcements)', () => {
  it('keeps each object under its tenant, reads it back, and deletes the file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'storage-'));
    const store = localStorage(root);
    const tenantA = randomUUID();
    const tenantB = randomUUID();
    const key = newObjectKey('announcement', 'wav');
    await store.put(tenantA, key, new Uint8Array([1, 2, 3]));
    expect(await store.get(tenantA, key)).toEqual(new Uint8Array([1, 2, 3]));
    // The same key under another tenant is another object: B never reads A's file.
    expect(await store.get(tenantB, key)).toBeNull();
    expect(await readdir(path.join(root, tenantA))).toEqual([key]);
    await store.delete(tenantA, key);
    expect(existsSync(path.join(root, tenantA, key))).toBe(false);
    expect(await store.get(tenantA, key)).toBeNull();
    await store.delete(tenantA, key);
  });

  it('refuses any address it did not generate: never a path from outside', async () => {
    const store = localStorage(await mkdtemp(path.join(tmpdir(), 'storage-')));
    const tenant = randomUUID();
    for (const key of ['../../etc/passwd', 'announcement.wav', `announcement-${randomUUID()}.wav/../x`, '/tmp/x.wav', ''])
      await expect(store.get(tenant, key)).rejects.toThrow(/generated object key/);
    await expect(store.put('../other', newObjectKey('announcement', 'wav'), new Uint8Array())).rejects.toThrow(/tenant id/);
  });
});
