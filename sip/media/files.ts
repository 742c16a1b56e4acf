import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CallServices } from '../services';
import type { Prompt } from '../telephony/port';

/** A file the media server records into, and how this process reads it back. */
export interface RecordingFile {
  /** As the media server names it (its `record` application writes there). */
  uri: string;
  /** As this process (and the worker, on the same volume) sees it. */
  path: string;
  /** Null when the media server wrote nothing. */
  read(): Promise<Uint8Array | null>;
  discard(): Promise<void>;
}

/** Tenants' own audio as the media server reaches it. */
export interface MediaFiles {
  /** The tenant's welcome announcement as a prompt to play; null when it has none. Rejects when it cannot be made playable. */
  announcement(tenantId: string): Promise<Prompt | null>;
  recording(tenantId: string): Promise<RecordingFile>;
}

export interface MediaFolder {
  /** The folder as this process sees it. */
  local: string;
  /** The same folder as FreeSWITCH sees it (a shared volume mounted elsewhere in its container). */
  onMediaServer: string;
}

/**
 * The media server cannot read the tenant storage (it may be another host, or a bucket), so the
 * sip process copies what it plays into a folder both share, and FreeSWITCH records into it. An
 * announcement's key changes with every new file, so a copy made once is good for as long as it
 * is the tenant's announcement; older copies are removed when a newer one is made, and all of
 * them at the first call after the announcement was deleted.
 */
export function mediaFolder(folder: MediaFolder, services: Pick<CallServices, 'tenantAnnouncement'>): MediaFiles {
  const local = (...parts: string[]) => path.join(folder.local, ...parts);
  const remote = (...parts: string[]) => path.posix.join(folder.onMediaServer, ...parts);
  return {
    async announcement(tenantId) {
      const found = await services.tenantAnnouncement(tenantId);
      // A deleted announcement leaves no copy behind on the media server's side either.
      if (!found) {
        await rm(local('announcements', tenantId), { recursive: true, force: true });
        return null;
      }
      const copy = local('announcements', tenantId, found.key);
      if (!(await exists(copy))) {
        const audio = await found.audio();
        if (!audio) throw new Error(`announcement ${found.key} of tenant ${tenantId} is missing from the storage`);
        await mkdir(path.dirname(copy), { recursive: true });
        const partial = `${copy}.${randomUUID()}.partial`;
        await writeFile(partial, audio);
        await rename(partial, copy);
        await removeOthers(path.dirname(copy), found.key);
      }
      return { id: 'tenant-welcome', uri: remote('announcements', tenantId, found.key) };
    },
    async recording(tenantId) {
      const name = `recording-${randomUUID()}.wav`;
      const file = local('recordings', tenantId, name);
      await mkdir(path.dirname(file), { recursive: true });
      return {
        uri: remote('recordings', tenantId, name),
        path: file,
        read: async () => (await exists(file)) ? new Uint8Array(await readFile(file)) : null,
        discard: () => rm(file, { force: true }),
      };
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A call still playing an older copy keeps its open file: unlinking does not cut it. */
async function removeOthers(dir: string, keep: string): Promise<void> {
  for (const name of await readdir(dir)) if (name !== keep && !name.endsWith('.partial')) await rm(path.join(dir, name), { force: true });
}
