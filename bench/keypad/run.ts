/**
 * Issue 9 benchmark: keypad command → state change written to the database, on the simulated
 * telephony engine with the real call flows and a real PostgreSQL, beside a bare write of the
 * same row and the state function alone, measured in turns in the same run.
 * `npm run bench:keypad` — starts its own embedded PostgreSQL unless BENCH_DATABASE_URL is set.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { and, eq, not } from 'drizzle-orm';
import { setMuted } from '@/server/conferences/live-state';
import { closeDb, db } from '@/server/db/client';
import { openDatabase } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { participants } from '@/server/db/schema';
import { callServices, type CallServices } from '@/sip/services';
import { Simulator } from '@/sip/telephony/sim/simulator';
import type { SimLeg } from '@/sip/telephony/sim/leg';
import { roomCallers } from '@/sip/testing/callers';
import { conferenceRecords, seedRoom, seedTenant } from '@/sip/testing/fixtures';

const CALLERS = Number(process.env.BENCH_CALLERS ?? 20);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 20_000);
const WARMUP = 200;
const FOREVER = 1000 * 3_600_000;

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
  `${name.padEnd(34)} ${String(f.count).padStart(7)} ${f.p50.toFixed(3).padStart(9)} ${f.p95.toFixed(3).padStart(9)} ${f.p99.toFixed(3).padStart(9)}`;

/** The state functions of the flows, timed: each keypad command resolves the waiter when its row is written. */
function timedServices() {
  let written: (() => void) | null = null;
  const wrap =
    <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      await fn(...args);
      written?.();
    };
  const services: CallServices = { ...callServices, setMuted: wrap(callServices.setMuted), setLocked: wrap(callServices.setLocked) };
  const nextWrite = () => new Promise<void>((resolve) => (written = resolve));
  return { services, nextWrite };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-keypad-'));
  // The embedded server runs as the postgres user when we are root; it must reach the directory.
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir, database: 'bench_keypad' });
  try {
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;
    const start = new Date();
    const tenant = await seedTenant();
    await seedRoom(tenant, { roomNumber: '4711', startsAt: start, pin: '123456', maxParticipants: 500 });
    const { organizer, participant } = roomCallers(tenant, '4711', '123456');

    const { services, nextWrite } = timedServices();
    const sim = new Simulator({ at: start, services });
    // Virtual time jumps to the next timer whenever nothing is held: held, it stands still, and the
    // callers stay in (no command on the measured path waits on the clock).
    let release!: () => void;
    void sim.clock.hold(new Promise<void>((resolve) => (release = resolve)));
    const host = sim.place(organizer({ stayMs: FOREVER }));
    const { conferenceId } = await host.outcome;
    const legs: SimLeg[] = [];
    for (let i = 0; i < CALLERS - 1; i++) {
      const call = sim.place(participant(`+3361${String(i).padStart(7, '0')}`, { stayMs: FOREVER }));
      await call.outcome;
      legs.push(call.sim.leg!);
    }
    const { legs: rows } = await conferenceRecords(conferenceId!);
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

    /** A caller types *2 (or the organizer *6): from the first key to the row written. */
    const keypad = (keys: string, leg: SimLeg) => async () => {
      const written = nextWrite();
      const t0 = performance.now();
      for (const key of keys) leg.pressKey(key);
      await written;
      return performance.now() - t0;
    };
    const stateFunction = async () => {
      const leg = pick(rows);
      const t0 = performance.now();
      await setMuted({ tenantId: tenant.tenantId, conferenceId: conferenceId!, at: new Date(), by: { kind: 'api', id: null }, participantIds: [leg.id], muted: true, action: 'mute' });
      return performance.now() - t0;
    };
    const bare = async () => {
      const leg = pick(rows);
      const t0 = performance.now();
      await db()
        .update(participants)
        .set({ muted: not(participants.muted) })
        .where(and(eq(participants.tenantId, tenant.tenantId), eq(participants.id, leg.id)));
      return performance.now() - t0;
    };
    const kinds: Record<string, () => Promise<number>> = {
      mute: () => keypad('*2', pick(legs))(),
      lock: () => keypad('*6', host.sim.leg!)(),
      stateFunction,
      bare,
    };

    console.log(`${CALLERS} callers in one conference, ${PHASE_MS / 1000} s in turns, node ${process.version}, ${os.cpus().length} cores`);
    for (let i = 0; i < WARMUP; i++) for (const work of Object.values(kinds)) await work();
    const latencies: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
    const deadline = performance.now() + PHASE_MS;
    // Turns, so that a busy spell of the shared machine lands on every kind alike.
    while (performance.now() < deadline) for (const [kind, work] of Object.entries(kinds)) latencies[kind].push(await work());

    const f = Object.fromEntries(Object.entries(latencies).map(([k, v]) => [k, figures(v)]));
    console.log(`\n${'milliseconds'.padEnd(34)} ${'count'.padStart(7)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)}`);
    console.log(row('keypad *2 → participants.muted', f.mute));
    console.log(row('keypad *6 → conferences.locked', f.lock));
    console.log(row('setMuted alone (row + action log)', f.stateFunction));
    console.log(row('bare UPDATE of the row (baseline)', f.bare));
    const ratio = (a: Figures, b: Figures) => `p50 ${(a.p50 / b.p50).toFixed(2)}×, p95 ${(a.p95 / b.p95).toFixed(2)}×`;
    console.log(`\nratio keypad *2 / baseline: ${ratio(f.mute, f.bare)}`);
    console.log(`ratio keypad *6 / baseline: ${ratio(f.lock, f.bare)}`);
    console.log(`ratio setMuted / baseline: ${ratio(f.stateFunction, f.bare)}`);
    console.log(`ratio keypad *2 / setMuted (what the keypad path adds): ${ratio(f.mute, f.stateFunction)}`);
    release();
  } finally {
    await closeDb();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// The simulated callers would stay for ever: once the figures are out (stdout flushed), stop.
main().then(
  () => process.stdout.write('', () => process.exit(0)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
