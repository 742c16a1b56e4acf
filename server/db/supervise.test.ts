import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './embedded';
import { superviseDatabase } from './supervise';

/** A fresh connection each time, as a process of the app makes after its old one broke. */
const answers = async (url: string): Promise<boolean> => {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    const [row] = await sql`select v from marks`;
    return row?.v === 'kept';
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
};

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe('the launcher restarts the embedded PostgreSQL when it dies (issue 13)', () => {
  let dataDir = '';
  let handle: DatabaseHandle | undefined;
  afterAll(async () => {
    await handle?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a killed postgres comes back on the same URL with its data, and says so in the log', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'conf-supervise-'));
    await chmod(dataDir, 0o755);
    handle = await openDatabase({ dataDir });
    const url = handle.url;
    const client = postgres(url, { max: 1, onnotice: () => {} });
    await client.unsafe("create table marks (v text); insert into marks values ('kept')");
    await client.end();

    const lines: string[] = [];
    const log = { error: (o: object | string, m?: string) => lines.push(m ?? String(o)), warn: (o: object | string, m?: string) => lines.push(m ?? String(o)) };
    const stop = superviseDatabase(handle.supervision!, log, 250);
    try {
      const postmaster = Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      process.kill(postmaster, 'SIGKILL');
      expect(await until(async () => !(await answers(url)), 10_000)).toBe(true);

      expect(await until(() => answers(url), 60_000)).toBe(true);
      // The launcher says so once the server accepts connections again, which may follow the first answer.
      expect(await until(async () => lines.includes('embedded PostgreSQL restarted'), 30_000)).toBe(true);
      expect(lines).toContain('embedded PostgreSQL stopped unexpectedly; restarting it');
    } finally {
      stop();
    }
  }, 120_000);
});
