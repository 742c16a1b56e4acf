/**
 * D-6 benchmark: admission decisions (portal number → tenant, room lookup, window, PIN, throttle)
 * against a bare primary-key SELECT measured in the same run on the same pool.
 * `npm run bench:admission` — starts its own embedded PostgreSQL unless BENCH_DATABASE_URL is set.
 */
import { mkdtemp, chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { checkPin, enterRoomNumber } from '@/server/admission/room-entry';
import { tenantForPortalNumber } from '@/server/admission/tenant-lookup';
import { closeDb, db } from '@/server/db/client';
import { openDatabase } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { rooms } from '@/server/db/schema';
import { seed, type Fixture } from './seed';

// One decision after another by default: each caller's wait, not the queue of a saturated client.
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 30_000);
const WARMUP = 1_000;

interface Figures {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];

/** Callers come from many numbers, as on a real portal: the D-5 caller lock rarely applies. */
const caller = () => ({ number: `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` });

/**
 * One caller's wait after typing room number and PIN: what D-6 bounds. The same calls as the
 * portal flow, D-5 throttle transactions included.
 */
async function decide(fixture: Fixture, now: Date): Promise<string> {
  const target = pick(fixture.rooms);
  const tenant = await tenantForPortalNumber(target.portalNumber);
  if (!tenant) throw new Error('seeded portal number not found');
  const who = caller();
  const found = await enterRoomNumber(tenant, target.roomNumber, who, now);
  if (found.result !== 'room') throw new Error(`seeded room not entered: ${found.result}`);
  if (found.entry.status !== 'open' || found.entry.lockedUntil) return 'refused';
  // One caller in twenty mistypes: the wrong PIN is written for the throttle, as in production.
  const typed = Math.random() < 0.05 ? '000000' : target.pin;
  return checkPin(tenant.id, found.entry, typed, who, now);
}

/** The step a caller waits on after typing the room number and `#`: the throttle check and the room lookup, one transaction. */
async function roomEntry(fixture: Fixture, now: Date): Promise<unknown> {
  const target = pick(fixture.rooms);
  return enterRoomNumber({ id: target.tenantId, earlyJoinMinutes: 5 }, target.roomNumber, caller(), now);
}

async function baseline(fixture: Fixture): Promise<unknown> {
  const [row] = await db().select().from(rooms).where(eq(rooms.id, pick(fixture.rooms).id));
  return row;
}

type Work = () => Promise<unknown>;

/**
 * The kinds of work take turns in every client loop, so that all of them meet the same load on a
 * shared machine; measured one after the other, a busy spell would land on one kind only.
 * Per second is concurrency / mean latency (Little's law) for each kind.
 */
async function measure(kinds: Record<string, Work>, durationMs: number): Promise<Record<string, Figures>> {
  const latencies: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  const deadline = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        for (const [kind, work] of Object.entries(kinds)) {
          const t0 = performance.now();
          await work();
          latencies[kind].push(performance.now() - t0);
        }
      }
    }),
  );
  return Object.fromEntries(Object.entries(latencies).map(([kind, values]) => [kind, figures(values)]));
}

function figures(values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { count: sorted.length, perSecond: (CONCURRENCY * 1000) / mean, p50: at(0.5), p99: at(0.99) };
}

const row = (name: string, f: Figures) =>
  `${name.padEnd(22)} ${f.count.toString().padStart(8)} ${f.perSecond.toFixed(0).padStart(10)} ${f.p50.toFixed(3).padStart(9)} ${f.p99.toFixed(3).padStart(9)}`;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-admission-'));
  // The embedded server runs as the postgres user when we are root; it must reach the directory.
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir, database: 'bench_admission' });
  try {
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;
    const now = new Date();
    const seedStart = performance.now();
    const fixture = await seed(now);
    console.log(`seeded ${fixture.tenantCount} tenants × ${fixture.rooms.length / fixture.tenantCount} rooms in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    console.log(`concurrency ${CONCURRENCY}, ${PHASE_MS / 1000} s interleaved, node ${process.version}, ${os.cpus().length} cores`);

    for (let i = 0; i < WARMUP; i++) await Promise.all([decide(fixture, now), baseline(fixture)]);
    const measured = await measure(
      { pk: () => baseline(fixture), admission: () => decide(fixture, now), step: () => roomEntry(fixture, now) },
      PHASE_MS,
    );
    const { pk, admission, step } = measured;

    console.log(`\n${'query'.padEnd(22)} ${'count'.padStart(8)} ${'per second'.padStart(10)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`);
    console.log(row('admission decision', admission));
    console.log(row('  room entry step', step));
    console.log(row('primary-key SELECT', pk));
    const ratio = admission.p99 / pk.p99;
    console.log(`\nratio admission/baseline: p50 ${(admission.p50 / pk.p50).toFixed(2)}×, p99 ${ratio.toFixed(2)}×`);
    console.log(`ratio room entry step/baseline: p50 ${(step.p50 / pk.p50).toFixed(2)}×, p99 ${(step.p99 / pk.p99).toFixed(2)}×`);
    const ok = admission.p99 < 10 && ratio <= 3;
    console.log(`D-6 target (p99 < 10 ms and within 3× the baseline): ${ok ? 'met' : 'NOT met'}`);
  } finally {
    await closeDb();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
