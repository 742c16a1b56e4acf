import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { closeDb } from '@/server/db/client';
import { freePort, openDatabase } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { seedBusyTenant } from './seed';

/**
 * Issue 2 and issue 12 benchmark: `GET /api/v1/rooms` (first page) for a tenant with 10,000 rooms,
 * plain and filtered (`q` accent- and case-insensitive over name, number and organizer, with
 * `status` and a date range), against `GET /api/health` in the same run, on `next start` and its
 * own embedded PostgreSQL. Targets: each list p95 < 50 ms and at least a third of the health
 * requests/s.
 */
const ROOMS = 10_000;
const CONNECTIONS = 10;
const SECONDS = 10;
const ROOT = path.resolve(import.meta.dirname, '../..');
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

interface Figures {
  requestsPerSecond: number;
  p95: number;
  p50: number;
  total: number;
  failed: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** autocannon reports p90 and p97.5 only, so the latencies are collected here for a true p95. */
function measure(url: string, headers: Record<string, string>, duration = SECONDS): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url, connections: CONNECTIONS, duration, headers }, (error, result) => {
      if (error) return reject(error);
      latencies.sort((x, y) => x - y);
      resolve({
        requestsPerSecond: result.requests.average,
        p95: percentile(latencies, 95),
        p50: percentile(latencies, 50),
        total: result.requests.total,
        failed: result.non2xx + result.errors + result.timeouts,
      });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

function runNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('next start did not answer /api/health within 60 s');
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-rooms-api-'));
  // Run as root, PostgreSQL runs as the `postgres` user, who must be able to reach its cluster inside.
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ dataDir, database: 'bench' });
  let server: ChildProcess | undefined;
  try {
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;
    const token = await seedBusyTenant(ROOMS);
    await closeDb();
    console.log(`seeded ${ROOMS} rooms in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const env: NodeJS.ProcessEnv = { DATABASE_URL: database.url, NODE_ENV: 'production', AUTH_SECRET: randomBytes(32).toString('base64'), AUTH_TRUST_HOST: 'true', LOG_LEVEL: 'warn' };
    if (!existsSync(path.join(ROOT, '.next/BUILD_ID'))) {
      console.log('no production build: running next build');
      const code = await new Promise<number | null>((resolve) => runNext(['build'], env).on('exit', resolve));
      if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = runNext(['start', '-p', String(port), '-H', '127.0.0.1'], env);
    await waitForHealth(base, server);

    const auth = { authorization: `Bearer ${token}` };
    const first = await fetch(`${base}/api/v1/rooms`, { headers: auth });
    const page = (await first.json()) as { items?: unknown[] };
    if (first.status !== 200 || page.items?.length !== 50) throw new Error(`GET /api/v1/rooms answered ${first.status} with ${page.items?.length} rooms`);

    // Scheduled "comite" rooms in the next 60 days (about 1 in 8 rooms has the topic), and a rarer
    // search: an organizer typed without accents, with a fragment of a room number.
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const filtered = `${base}/api/v1/rooms?q=COMITE&status=scheduled&from=${day(0)}&to=${day(60)}`;
    const narrow = `${base}/api/v1/rooms?q=${encodeURIComponent('helene 1234')}`;
    for (const url of [filtered, narrow]) {
      const answer = await fetch(url, { headers: auth });
      const found = (await answer.json()) as { items?: { name: string }[] };
      if (answer.status !== 200 || !found.items?.length) throw new Error(`${url} answered ${answer.status} with ${found.items?.length} rooms`);
      console.log(`${url.slice(base.length)} finds ${found.items.length} rooms on its first page, e.g. ${found.items[0].name}`);
    }

    // A short warm-up of each so that none is measured while Next compiles or the pool fills.
    for (const [url, headers] of [[`${base}/api/health`, {}], [`${base}/api/v1/rooms`, auth], [filtered, auth], [narrow, auth]] as const)
      await measure(url, headers, 2);
    const health = await measure(`${base}/api/health`, {});
    const roomsList = await measure(`${base}/api/v1/rooms`, auth);
    const filteredList = await measure(filtered, auth);
    const narrowList = await measure(narrow, auth);

    const line = (name: string, f: Figures) =>
      `${name.padEnd(34)} ${f.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${f.p50.toFixed(1).padStart(5)} ms   p95 ${f.p95.toFixed(1).padStart(5)} ms   (${f.total} requests, ${f.failed} failed)`;
    const ratioOf = (f: Figures) => f.requestsPerSecond / health.requestsPerSecond;
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, first page of ${ROOMS} rooms (50 per page)`);
    console.log(line('GET /api/health (baseline)', health));
    console.log(line('GET /api/v1/rooms', roomsList));
    console.log(line('GET /api/v1/rooms?q=COMITE&status&from&to', filteredList));
    console.log(line('GET /api/v1/rooms?q=helene 1234', narrowList));
    console.log(`ratio to health: rooms ${ratioOf(roomsList).toFixed(2)}, filtered ${ratioOf(filteredList).toFixed(2)}, q only ${ratioOf(narrowList).toFixed(2)} (target >= 0.33)`);
    console.log(`ratio filtered/plain list: p50 ${(filteredList.p50 / roomsList.p50).toFixed(2)}, p95 ${(filteredList.p95 / roomsList.p95).toFixed(2)}`);
    const lists = [roomsList, filteredList, narrowList];
    const met = lists.every((f) => f.p95 < 50 && ratioOf(f) >= 1 / 3 && f.failed === 0) && health.failed === 0;
    console.log(`targets ${met ? 'met' : 'NOT met'}: every list p95 < 50 ms, ratio >= 1/3, no failed request`);
    console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.exitCode = met ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await closeDb();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
