import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './embedded';

const query = async (url: string, text: string) => {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql.unsafe(text);
  } finally {
    await sql.end();
  }
};

describe('API-4 embedded PostgreSQL under DATA_DIR', () => {
  let dataDir = '';
  afterAll(async () => dataDir && rm(dataDir, { recursive: true, force: true }));

  it('uses DATABASE_URL untouched when it is set', async () => {
    const handle = await openDatabase({ databaseUrl: 'postgres://u:p@db.example:5432/x', dataDir: '/nonexistent' });
    expect(handle).toMatchObject({ url: 'postgres://u:p@db.example:5432/x', embedded: false });
  });

  it('starts on a free port, is shared by a second process while it runs, and keeps its data across restarts', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'conf-embedded-'));
    await chmod(dataDir, 0o755);
    // A listener on 5432 stands for a PostgreSQL already running on the machine.
    const squatter = net.createServer().listen(5432, '127.0.0.1').on('error', () => {});

    const first = await openDatabase({ dataDir });
    const port = Number(new URL(first.url).port);
    expect(port).not.toBe(5432);
    await query(first.url, 'create table marks (v text); insert into marks values (\'kept\')');

    const second = await openDatabase({ dataDir });
    expect(second.url).toBe(first.url);
    await second.stop();
    expect(await query(first.url, 'select v from marks')).toEqual([{ v: 'kept' }]);

    await first.stop();
    const again = await openDatabase({ dataDir });
    expect(await query(again.url, 'select v from marks')).toEqual([{ v: 'kept' }]);
    await again.stop();
    squatter.close();
  }, 60_000);
});
