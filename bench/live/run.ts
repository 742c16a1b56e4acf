/**
 * Issue 10 benchmark, the event path to browsers (L-1, target p95 < 300 ms): a conference of 60
 * simulated participants on the simulated sip engine, 50 SSE clients (as many browsers' worth of
 * EventSource connections, over HTTP, no real browsers) on `GET /api/v1/conferences/{id}/events`,
 * served by the real route handler and the process's one LISTEN fan-out (server/live/hub.ts).
 * A state change is written as the sip process writes it (a participant muted: state, event row
 * and NOTIFY in one transaction, server/conferences/live-state.ts), and the time until each
 * client has it is measured; beside it, a bare NOTIFY round trip on the same database, in turns
 * in the same run. `npm run bench:live` — its own embedded PostgreSQL unless BENCH_DATABASE_URL.
 * Server, sip side and clients share one Node process (the clients' parsing counts against the server).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import pino from 'pino';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/server/db/schema';
import { GET as eventsRoute } from '@/app/api/v1/conferences/[id]/events/route';
import { setMuted } from '@/server/conferences/live-state';
import { closeDb, db, listen } from '@/server/db/client';
import { openDatabase } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { liveHub } from '@/server/live/hub';
import { requestSimulatedCall } from '@/server/live/simulated-calls';
import { createToken } from '@/server/users/tokens';
import { startSimulatedSip } from '@/sip/simulated';
import { seedRoom, seedTenant } from '@/sip/testing/fixtures';
import { SseReader } from '@/test/sse';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 300);
const WARMUP = 20;

interface Figures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function figures(values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

const row = (name: string, f: Figures) =>
  `${name.padEnd(48)} ${String(f.count).padStart(7)} ${f.p50.toFixed(2).padStart(8)} ${f.p95.toFixed(2).padStart(8)} ${f.p99.toFixed(2).padStart(8)} ${f.max.toFixed(2).padStart(8)}`;

/** The route handler behind a plain node:http server, as Next would call it. */
function serve(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const id = new URL(req.url ?? '/', 'http://x').pathname.split('/')[4];
    const request = new Request(new URL(req.url ?? '/', 'http://localhost'), { headers: req.headers as Record<string, string>, signal: abort.signal });
    const response = await eventsRoute(request, { params: Promise.resolve({ id }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    Readable.fromWeb(response.body as never).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) }),
    ),
  );
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-live-'));
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir, database: 'bench_live' });
  const log = pino({ level: 'silent' });
  try {
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;
    const tenant = await seedTenant();
    await seedRoom(tenant, { roomNumber: '6290', startsAt: new Date(Date.now() - 60_000), pin: '123456', maxParticipants: 500 });
    const [admin] = await db().select({ email: users.email }).from(users).where(eq(users.id, tenant.adminUserId));
    const { token } = await createToken(admin.email);
    const sip = await startSimulatedSip({ instance: 'bench-live-sip', log });

    const placeStarted = performance.now();
    const callers: { conferenceId: string; participantId: string }[] = [];
    for (let i = 0; i < PARTICIPANTS; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, PARTICIPANTS - i) }, (_, j) =>
          requestSimulatedCall({ kind: 'place', args: { to: tenant.portalNumber, from: `+3362${String(i + j).padStart(7, '0')}`, dtmf: '6290#123456#' } }, { now: new Date(), timeoutMs: 60_000 }),
        ),
      );
      for (const placed of batch) callers.push({ conferenceId: placed.conferenceId as string, participantId: placed.participantId as string });
    }
    const conferenceId = callers[0].conferenceId;
    if (callers.some((c) => c.conferenceId !== conferenceId)) throw new Error('the callers are not in one conference');

    const server = await serve();
    // The change each client is waiting for, and when each got it.
    let expected: { participantId: string; muted: boolean; t0: number; got: number[] } | null = null;
    let allGot: (() => void) | null = null;
    const arrived = (e: { event?: string; data: string }) => {
      if (e.event !== 'participant.updated' || !expected) return;
      const p = JSON.parse(e.data).participant;
      if (p.id !== expected.participantId || p.muted !== expected.muted) return;
      expected.got.push(performance.now() - expected.t0);
      if (expected.got.length === CLIENTS) allGot?.();
    };
    const aborts: AbortController[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const abort = new AbortController();
      aborts.push(abort);
      const response = await fetch(`${server.url}/api/v1/conferences/${conferenceId}/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
      if (response.status !== 200) throw new Error(`stream answered ${response.status}`);
      new SseReader(response, arrived);
    }

    const pings = new Map<string, () => void>();
    await listen('bench_live_ping', (payload) => pings.get(payload)?.());
    let turn = 0;
    const change = async (): Promise<number[]> => {
      const caller = callers[turn % callers.length];
      const muted = Math.floor(turn / callers.length) % 2 === 0;
      turn++;
      const all = new Promise<void>((resolve) => (allGot = resolve));
      expected = { participantId: caller.participantId, muted, t0: performance.now(), got: [] };
      await setMuted({ tenantId: tenant.tenantId, conferenceId, at: new Date(), by: { kind: 'keypad', id: caller.participantId }, participantIds: [caller.participantId], muted, action: muted ? 'mute' : 'unmute', participantId: caller.participantId });
      await Promise.race([all, new Promise((r) => setTimeout(r, 5_000))]);
      const got = expected.got;
      if (got.length < CLIENTS) throw new Error(`only ${got.length} of ${CLIENTS} clients got change ${turn}`);
      expected = null;
      return got;
    };
    const notify = async (): Promise<number> => {
      const id = String(turn++);
      const heard = new Promise<void>((resolve) => pings.set(id, resolve));
      const t0 = performance.now();
      await db().execute(sql`select pg_notify('bench_live_ping', ${id})`);
      await heard;
      pings.delete(id);
      return performance.now() - t0;
    };

    console.log(
      `${PARTICIPANTS} simulated participants in one conference (placed in ${((performance.now() - placeStarted) / 1000).toFixed(1)} s), ${CLIENTS} SSE clients over HTTP, ` +
        `${liveHub().size} streams on one LISTEN connection, ${CHANGES} changes; node ${process.version}, ${os.cpus().length} cores`,
    );
    for (let i = 0; i < WARMUP; i++) await change(), await notify();
    const delivered: number[] = [];
    const lastClient: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const got = await change();
      delivered.push(...got);
      lastClient.push(Math.max(...got));
      bare.push(await notify());
    }
    const f = { delivered: figures(delivered), last: figures(lastClient), bare: figures(bare) };
    console.log(`\n${'milliseconds'.padEnd(48)} ${'count'.padStart(7)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`);
    console.log(row('state change → each SSE client', f.delivered));
    console.log(row('state change → the last of the 50 clients', f.last));
    console.log(row('bare NOTIFY round trip (baseline)', f.bare));
    const ratio = (a: Figures, b: Figures) => `p50 ${(a.p50 / b.p50).toFixed(1)}×, p95 ${(a.p95 / b.p95).toFixed(1)}×, p99 ${(a.p99 / b.p99).toFixed(1)}×`;
    console.log(`\nratio each client / bare NOTIFY: ${ratio(f.delivered, f.bare)}`);
    console.log(`target p95 < 300 ms: ${f.delivered.p95 < 300 ? 'met' : 'NOT met'} (${f.delivered.p95.toFixed(1)} ms)`);

    for (const abort of aborts) abort.abort();
    await server.close();
    await liveHub().close();
    await sip.stop();
  } finally {
    await closeDb();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
