import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { hashPassword, verifyPassword } from '@/server/auth/passwords';
import { closeDb } from '@/server/db/client';
import { freePort, openDatabase } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { seedBusyTenant } from '../rooms-api/seed';

/**
 * Issue 13 benchmark: `GET /api/v1/rooms` measured alone, then while 16 clients flood the sign-in
 * endpoint (next-auth's credentials callback) with wrong passwords, in the same run, on the web
 * process as production runs it (server/web/main.ts, a production build, its own embedded
 * PostgreSQL). Each flood request comes from a new client address (TRUST_PROXY=1 and
 * X-Forwarded-For), so the throttle never refuses one: every attempt costs a password hash, the
 * worst case for the rest of the process. Target: rooms p50 and p95 under the flood stay under
 * twice their value without it.
 */
const ROOMS = 200;
const FLOOD_CLIENTS = 16;
const CONNECTIONS = 10;
const SECONDS = 15;
const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN = 'bench-admin@bench.example.com';

interface Figures {
  p50: number;
  p95: number;
  total: number;
  failed: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function measure(url: string, headers: Record<string, string>, duration = SECONDS): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url, connections: CONNECTIONS, duration, headers }, (error, result) => {
      if (error) return reject(error);
      latencies.sort((x, y) => x - y);
      resolve({ p50: percentile(latencies, 50), p95: percentile(latencies, 95), total: result.requests.total, failed: result.non2xx + result.errors + result.timeouts });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** One browser-like client: a CSRF token and its cookie, then the form posted as the sign-in page would. */
async function signInClient(base: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async (email: string, password: string, address: string): Promise<number> => {
    const answer = await fetch(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': address },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/rooms` }),
    });
    await answer.arrayBuffer();
    return answer.status;
  };
}

/** 16 clients posting wrong passwords back to back until `stop`; half for the real admin, half for unknown emails. */
async function flood(base: string, stop: { now: boolean }): Promise<{ attempts: number; statuses: Record<number, number>; p50: number }> {
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: FLOOD_CLIENTS }, async (_, client) => {
      const post = await signInClient(base);
      while (!stop.now) {
        const i = n++;
        const started = performance.now();
        const status = await post(client % 2 ? ADMIN : `nobody-${i}@bench.example.com`, `wrong-${i}`, `198.18.${(i >> 8) & 255}.${i & 255}`);
        latencies.push(performance.now() - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  latencies.sort((x, y) => x - y);
  return { attempts: n, statuses, p50: percentile(latencies, 50) };
}

async function signInTimings(base: string): Promise<{ known: number; unknown: number }> {
  const post = await signInClient(base);
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 20; i++)
    for (const [list, email] of [[known, ADMIN], [unknown, `ghost-${i}@bench.example.com`]] as const) {
      const started = performance.now();
      await post(email, `wrong-${i}`, `198.19.0.${i}`);
      list.push(performance.now() - started);
    }
  return { known: percentile(known.sort((x, y) => x - y), 50), unknown: percentile(unknown.sort((x, y) => x - y), 50) };
}

async function hashTimings(): Promise<{ hash: number; verify: number }> {
  const hashes: number[] = [];
  const verifies: number[] = [];
  let stored = '';
  for (let i = 0; i < 10; i++) {
    let started = performance.now();
    stored = await hashPassword(`bench password ${i}`);
    hashes.push(performance.now() - started);
    started = performance.now();
    await verifyPassword(`bench password ${i}`, stored);
    verifies.push(performance.now() - started);
  }
  return { hash: percentile(hashes.sort((x, y) => x - y), 50), verify: percentile(verifies.sort((x, y) => x - y), 50) };
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (server.exitCode !== null) throw new Error(`the web process exited with ${server.exitCode}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the web process did not answer /api/health within 120 s');
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, '.next/BUILD_ID'))) throw new Error('no production build: run `npm run build` first');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-sign-in-'));
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ dataDir, database: 'bench' });
  let server: ChildProcess | undefined;
  try {
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;
    const token = await seedBusyTenant(ROOMS);
    const hashing = await hashTimings();
    await closeDb();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'server/web/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'production', AUTH_SECRET: randomBytes(32).toString('base64'), AUTH_TRUST_HOST: 'true', TRUST_PROXY: '1', PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForHealth(base, server);

    const auth = { authorization: `Bearer ${token}` };
    await measure(`${base}/api/v1/rooms`, auth, 3);
    const timings = await signInTimings(base);
    const alone = await measure(`${base}/api/v1/rooms`, auth);
    const stop = { now: false };
    const flooding = flood(base, stop);
    await new Promise((r) => setTimeout(r, 2000));
    const flooded = await measure(`${base}/api/v1/rooms`, auth);
    stop.now = true;
    const floodReport = await flooding;

    const line = (name: string, f: Figures) => `${name.padEnd(34)} p50 ${f.p50.toFixed(1).padStart(6)} ms   p95 ${f.p95.toFixed(1).padStart(6)} ms   (${f.total} requests, ${f.failed} failed)`;
    console.log(`\nargon2id (19 MiB, t=2, p=1), in-process: hash p50 ${hashing.hash.toFixed(1)} ms, verify p50 ${hashing.verify.toFixed(1)} ms`);
    console.log(`sign-in, wrong password p50: known email ${timings.known.toFixed(1)} ms, unknown email ${timings.unknown.toFixed(1)} ms`);
    console.log(`\nGET /api/v1/rooms, ${CONNECTIONS} connections, ${SECONDS} s each (first page of ${ROOMS} rooms)`);
    console.log(line('alone', alone));
    console.log(line(`beside ${FLOOD_CLIENTS} sign-in flooders`, flooded));
    console.log(`flood: ${floodReport.attempts} wrong sign-ins (${(floodReport.attempts / (SECONDS + 2)).toFixed(1)}/s), answers ${JSON.stringify(floodReport.statuses)}, sign-in p50 ${floodReport.p50.toFixed(0)} ms`);
    const p50Ratio = flooded.p50 / alone.p50;
    const p95Ratio = flooded.p95 / alone.p95;
    console.log(`ratio flooded/alone: p50 ${p50Ratio.toFixed(2)}x, p95 ${p95Ratio.toFixed(2)}x (target < 2x)`);
    const met = p50Ratio < 2 && p95Ratio < 2 && alone.failed === 0 && flooded.failed === 0;
    console.log(`target ${met ? 'met' : 'NOT met'}`);
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
