import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkAddress, type ObjectStorage } from './storage';

/**
 * Objects as files: `<root>/<tenant id>/<key>`. Written to a temporary name then renamed, so a
 * reader (or the media server) never sees half a file.
 */
export function localStorage(root: string): ObjectStorage {
  const file = (tenantId: string, key: string) => {
    checkAddress(tenantId, key);
    return path.join(root, tenantId, key);
  };
  return {
    location: root,
    async put(tenantId, key, bytes) {
      const target = file(tenantId, key);
      await mkdir(path.dirname(target), { recursive: true });
      const partial = `${target}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, target);
    },
    async get(tenantId, key) {
      try {
        return new Uint8Array(await readFile(file(tenantId, key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(tenantId, key) {
      await rm(file(tenantId, key), { force: true });
    },
  };
}
