/**
 * Issue 10 benchmark, the command path (L-2): `requestCommand` (a web process asking) → command
 * row + NOTIFY → the sip process's consumer on the simulated engine → mute in the conference,
 * state + event + action line written → result row + NOTIFY → the requester. Also the time until
 * the participant-updated event's NOTIFY reaches a listener (what feeds the live page), beside a
 * bare NOTIFY round trip on the same database, measured in turns in the same run.
 * `npm run bench:live-commands` — its own embedded PostgreSQL unless BENCH_DATABASE_URL is set.
 * Requester and sip side share one Node process here; each crosses PostgreSQL all the same.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { closeDb, db, listen } from '@/server/db/client';
import { openDatabase } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { requestCommand } from '@/server/live/commands';
import { EVENTS_CHANNEL, parseEventNotice } from '@/server/live/events';
import { requestSimulatedCall } from '@/server/live/simulated-calls';
import { startSimulatedSip } from '@/sip/simulated';
import { seedRoom, seedTenant } from '@/sip/testing/fixtures';

const CALLERS = Number(process.env.BENCH_CALLERS ?? 10);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 15_000);
const WARMUP = 50;

interface Figures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

function figures(values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const row = (name: string, f: Figures) =>
  `${name.padEnd(44)} ${String(f.count).padStart(7)} ${f.p50.toFixed(2).padStart(9)} ${f.p95.toFixed(2).padStart(9)} ${f.p99.toFixed(2).padStart(9)}`;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-live-commands-'));
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir, database: 'bench_live_commands' });
  const log = pino({ level: 'silent' });
  try {
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;
    const tenant = await seedTenant();
    await seedRoom(tenant, { roomNumber: '6190', startsAt: new Date(Date.now() - 60_000), pin: '123456', maxParticipants: 500 });
    const sip = await startSimulatedSip({ instance: 'bench-sip', log });
    const callers: { conferenceId: string; participantId: string }[] = [];
    for (let i = 0; i < CALLERS; i++) {
      const placed = await requestSimulatedCall(
        { kind: 'place', args: { to: tenant.portalNumber, from: `+3361${String(i).padStart(7, '0')}`, dtmf: '6190#123456#' } },
        { now: new Date(), timeoutMs: 30_000 },
      );
      callers.push({ conferenceId: placed.conferenceId as string, participantId: placed.participantId as string });
    }
    const conferenceId = callers[0].conferenceId;

    // Event notices by participant: resolves the waiter of the participant a command is about.
    const eventWaiters = new Map<string, (at: number) => void>();
    await listen(EVENTS_CHANNEL, (payload) => {
      const notice = parseEventNotice(payload);
      if (notice?.kind !== 'participant-updated') return;
      const at = performance.now();
      for (const [participantId, resolve] of eventWaiters) resolve(at), eventWaiters.delete(participantId);
    });
    const pings = new Map<string, () => void>();
    await listen('bench_ping', (payload) => pings.get(payload)?.());

    let turn = 0;
    const command = async () => {
      const caller = callers[turn++ % callers.length];
      const action = turn % (2 * callers.length) < callers.length ? 'mute' : 'unmute';
      const evented = new Promise<number>((resolve) => eventWaiters.set(caller.participantId, resolve));
      const t0 = performance.now();
      const result = await requestCommand({ tenantId: tenant.tenantId, conferenceId, action, participantId: caller.participantId, by: { kind: 'api', id: null } }, { now: new Date() });
      const answered = performance.now() - t0;
      if (result.result !== 'ok') throw new Error(`command answered ${JSON.stringify(result)}`);
      return { answered, evented: (await evented) - t0 };
    };
    const notify = async () => {
      const id = String(turn++);
      const heard = new Promise<void>((resolve) => pings.set(id, resolve));
      const t0 = performance.now();
      await db().execute(sql`select pg_notify('bench_ping', ${id})`);
      await heard;
      pings.delete(id);
      return performance.now() - t0;
    };

    console.log(`${CALLERS} simulated callers in one conference, ${PHASE_MS / 1000} s in turns, node ${process.version}, ${os.cpus().length} cores`);
    for (let i = 0; i < WARMUP; i++) await command(), await notify();
    const answered: number[] = [];
    const evented: number[] = [];
    const bare: number[] = [];
    const deadline = performance.now() + PHASE_MS;
    while (performance.now() < deadline) {
      const c = await command();
      answered.push(c.answered);
      evented.push(c.evented);
      bare.push(await notify());
    }
    const f = { answered: figures(answered), evented: figures(evented), bare: figures(bare) };
    console.log(`\n${'milliseconds'.padEnd(44)} ${'count'.padStart(7)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)}`);
    console.log(row('mute command: request → result', f.answered));
    console.log(row('mute command: request → event notice', f.evented));
    console.log(row('bare NOTIFY round trip (baseline)', f.bare));
    const ratio = (a: Figures, b: Figures) => `p50 ${(a.p50 / b.p50).toFixed(1)}×, p95 ${(a.p95 / b.p95).toFixed(1)}×`;
    console.log(`\nratio command result / bare NOTIFY: ${ratio(f.answered, f.bare)}`);
    console.log(`ratio command event / bare NOTIFY: ${ratio(f.evented, f.bare)}`);
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
