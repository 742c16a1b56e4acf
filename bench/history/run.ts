/**
 * H-2..H-4 benchmark: a tenant with 10,000 conferences and 200,000 legs in one month. Times the
 * month page query, the CSV export of the month (read to its last byte) and the tenant-wide
 * totals, each beside a bare `count(*)` of the month's legs measured in the same run, and prints
 * the peak RSS of the process during the export next to the size of the CSV.
 * `npm run bench:history` — starts its own embedded PostgreSQL unless BENCH_DATABASE_URL is set.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { actorForUser } from '@/server/auth/actor';
import { listConferences } from '@/server/conferences/queries';
import { closeDb, db } from '@/server/db/client';
import { openDatabase } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { monthCsv } from '@/server/history/csv';
import { conferenceTotalsSql, monthRange } from '@/server/history/participant-minutes';
import { tenantUsage } from '@/server/history/usage';
import { createTenant } from '@/server/tenants/service';

const CONFERENCES = Number(process.env.BENCH_CONFERENCES ?? 10_000);
const LEGS_PER_CONFERENCE = Number(process.env.BENCH_LEGS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const EXPORT_RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 5);
const MONTH = '2026-03';

interface Figures {
  runs: number;
  p50: number;
  p95: number;
}

function figures(values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { runs: sorted.length, p50: at(0.5), p95: at(0.95) };
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return times;
}

/** Conferences spread over the month (Paris), 20 legs each of 1 to 60 minutes, some numbers hidden; written by PostgreSQL itself. */
async function seed(tenantId: string, conferenceCount: number): Promise<void> {
  const { from } = monthRange(MONTH, 'Europe/Paris');
  await db().execute(sql`
    insert into conferences (id, tenant_id, room_number, kind, organizer_extension, media_server, sip_instance, media_name, started_at, ended_at, end_reason)
    select gen_random_uuid(), ${tenantId}, case when i % 10 = 0 then null else (1000 + i % 200)::text end,
      case when i % 10 = 0 then 'adhoc' else 'room' end, case when i % 10 = 0 then (200 + i % 30)::text end,
      'fs-1', 'sip-1', 'bench-' || i,
      ${from.toISOString()}::timestamptz + (i * (30 * 86400 / ${conferenceCount})) * interval '1 second',
      ${from.toISOString()}::timestamptz + (i * (30 * 86400 / ${conferenceCount}) + 3600) * interval '1 second', 'empty'
    from generate_series(1, ${conferenceCount}) as i`);
  await db().execute(sql`
    insert into participants (tenant_id, conference_id, call_id, caller_number, caller_name, role, direction, joined_at, left_at, end_reason)
    select ${tenantId}, c.id, c.media_name || '-' || j, case when j % 7 = 0 then null else '+3361' || lpad((j * 7919 % 10000000)::text, 7, '0') end,
      case when j % 3 = 0 then 'Hélène Dupré ' || j end, case when j = 1 then 'organizer' else 'participant' end, 'inbound',
      c.started_at + (j * 13) * interval '1 second', c.started_at + (j * 13 + 60 + (j * 1543 % 3540)) * interval '1 second', 'hangup'
    from conferences c cross join generate_series(1, ${LEGS_PER_CONFERENCE}) as j
    where c.tenant_id = ${tenantId}`);
  // What closeConference stores on each conference as it closes.
  const totals = conferenceTotalsSql(sql.raw('c.id'), new Date());
  await db().execute(sql`update conferences c set participant_count = ${totals.count}, participant_minutes = ${totals.minutes} where c.tenant_id = ${tenantId}`);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-history-'));
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir, database: 'bench_history' });
  try {
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;
    const { tenantId, adminUserId } = await createTenant({
      name: 'Bench',
      portalNumbers: ['+33100000001'],
      sipDomain: 'bench.pbx.example.com',
      adminEmail: 'admin@bench.example.com',
      adminPassword: 'correct horse',
      adminName: 'Admin',
    });
    const actor = (await actorForUser(adminUserId))!;
    // A tenant with a tenth of the legs: its export's memory is the yardstick of the big one's.
    const small = await createTenant({
      name: 'Small',
      portalNumbers: ['+33100000002'],
      sipDomain: 'small.pbx.example.com',
      adminEmail: 'admin@small.example.com',
      adminPassword: 'correct horse',
      adminName: 'Admin',
    });
    const smallActor = (await actorForUser(small.adminUserId))!;
    const seedStart = performance.now();
    await seed(tenantId, CONFERENCES);
    await seed(small.tenantId, CONFERENCES / 10);
    await db().execute(sql`analyze conferences; analyze participants`);
    const now = new Date('2026-04-15T12:00:00Z');
    const { from, to } = monthRange(MONTH, 'Europe/Paris');
    const [{ legs }] = await db().execute<{ legs: number }>(sql`select count(*)::int as legs from participants where tenant_id = ${tenantId}`);
    console.log(`seeded ${CONFERENCES} conferences, ${legs} legs in ${MONTH} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; node ${process.version}, ${os.cpus().length} cores`);

    const count = () =>
      db().execute(sql`select count(*) from participants p join conferences c on c.id = p.conference_id
        where c.tenant_id = ${tenantId} and c.started_at >= ${from.toISOString()}::timestamptz and c.started_at < ${to.toISOString()}::timestamptz`);
    const page = () => listConferences(actor, { month: MONTH }, now);
    const totals = () => tenantUsage(tenantId, MONTH, now);
    let csvBytes = 0;
    let peakRss = 0;
    const exportCsv = async (who = actor) => {
      const response = await monthCsv(who, { month: MONTH }, now);
      const reader = response.body!.getReader();
      csvBytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        csvBytes += value.byteLength;
      }
    };

    // Warm-up: plans cached, pages in the buffer cache, for each kind alike.
    for (const work of [count, page, totals, exportCsv]) await work();
    const page1 = await page();
    if (page1.items.length !== CONFERENCES) throw new Error(`month page has ${page1.items.length} conferences`);

    // The three take turns, so that all of them meet the same load on a shared machine.
    const times: Record<'count' | 'page' | 'totals', number[]> = { count: [], page: [], totals: [] };
    for (let i = 0; i < RUNS; i++)
      for (const [kind, work] of [['count', count], ['page', page], ['totals', totals]] as const) times[kind].push(...(await timed(1, work)));
    const baseline = figures(times.count);
    const pageFigures = figures(times.page);
    const totalFigures = figures(times.totals);
    const rssBefore = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    await timed(EXPORT_RUNS, () => exportCsv(smallActor));
    const smallBytes = csvBytes;
    const smallPeak = peakRss;
    const exportFigures = figures(await timed(EXPORT_RUNS, () => exportCsv()));
    clearInterval(sampler);

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const line = (name: string, f: Figures) =>
      `${name.padEnd(34)} ${String(f.runs).padStart(5)} ${f.p50.toFixed(1).padStart(9)} ${f.p95.toFixed(1).padStart(9)} ${(f.p50 / baseline.p50).toFixed(1).padStart(8)}× ${(f.p95 / baseline.p95).toFixed(1).padStart(8)}×`;
    console.log(`\n${'query'.padEnd(34)} ${'runs'.padStart(5)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p50/base'.padStart(9)} ${'p95/base'.padStart(9)}`);
    console.log(line("count(*) of the month's legs", baseline));
    console.log(line('month page (10,000 conferences)', pageFigures));
    console.log(line('tenant totals (usage)', totalFigures));
    console.log(line('CSV export, read to the last byte', exportFigures));
    console.log(`\nRSS before the exports ${mb(rssBefore)}`);
    console.log(`peak RSS exporting ${mb(smallBytes)} of CSV (20,000 legs): ${mb(smallPeak)} (+${mb(Math.max(0, smallPeak - rssBefore))})`);
    console.log(`peak RSS exporting ${mb(csvBytes)} of CSV (${legs} legs): ${mb(peakRss)} (+${mb(Math.max(0, peakRss - rssBefore))})`);
    const grew = peakRss - Math.max(rssBefore, smallPeak);
    // Holding the month would take the CSV text plus 200,000 row objects (several times the CSV);
    // what a streamed export adds is garbage the collector has not reclaimed yet.
    console.log(`ten times the legs grew the peak by ${mb(Math.max(0, grew))}, against ${mb(csvBytes)} of CSV: ${grew < csvBytes ? 'streamed (less than the CSV alone)' : 'the export may hold the month'}`);
    console.log(`month page target (p95 < 100 ms): ${pageFigures.p95 < 100 ? 'met' : 'NOT met'}`);
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
