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
 * Issue 2 benchmark: `GET /api/v1/rooms` (first page) for a tenant with 5,000 rooms against
 * `GET /api/health` in the same run, on `next start` and its own embedded PostgreSQL.
 * Targets: rooms p95 < 50 ms and at least a third of the health requests/s.
 */
const ROOMS = 5_000;
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

    // A short warm-up of each so that neither is measured while Next compiles or the pool fills.
    await measure(`${base}/api/health`, {}, 2);
    await measure(`${base}/api/v1/rooms`, auth, 2);
    const health = await measure(`${base}/api/health`, {});
    const roomsList = await measure(`${base}/api/v1/rooms`, auth);

    const line = (name: string, f: Figures) =>
      `${name.padEnd(20)} ${f.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${f.p50.toFixed(1).padStart(5)} ms   p95 ${f.p95.toFixed(1).padStart(5)} ms   (${f.total} requests, ${f.failed} failed)`;
    const ratio = roomsList.requestsPerSecond / health.requestsPerSecond;
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, first page of ${ROOMS} rooms (50 per page)`);
    console.log(line('GET /api/health', health));
    console.log(line('GET /api/v1/rooms', roomsList));
    console.log(`ratio rooms/health  ${ratio.toFixed(2)} (target >= 0.33)`);
    const met = roomsList.p95 < 50 && ratio >= 1 / 3 && roomsList.failed === 0 && health.failed === 0;
    console.log(`targets ${met ? 'met' : 'NOT met'}: rooms p95 < 50 ms, ratio >= 1/3, no failed request`);
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
