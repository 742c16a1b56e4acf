import { fork, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, like, sql } from 'drizzle-orm';
import { closeDb, db } from '@/server/db/client';
import { openDatabase } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { notifications } from '@/server/db/schema';
import { startResendStandIn, type ResendStandIn } from '@/server/mail/resend-stand-in';
import { seedInvitedRooms } from './seed';

/**
 * bench/reminders (M-4 at scale): ROOMS rooms of MEMBERS members each, all starting in the same
 * minute, every member invited; WORKERS worker processes run the due jobs at the reminder
 * minute, against a local stand-in of the Resend API. Prints the time to send every reminder,
 * emails per second, duplicates (must be 0), and as a baseline the stand-in's raw request rate
 * measured in the same run.
 */
const ROOMS = Number(process.env.ROOMS ?? 500);
const MEMBERS = Number(process.env.MEMBERS ?? 20);
const WORKERS = Number(process.env.WORKERS ?? 2);
const TARGET_SECONDS = 30;

const startsAt = new Date(Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000);
const dueMinute = new Date(startsAt.getTime() - 30 * 60_000);

function baselineRequestsPerSecond(standIn: ResendStandIn): Promise<number> {
  const child = fork(path.join(import.meta.dirname, 'baseline.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, STAND_IN_URL: standIn.url },
  });
  return new Promise((resolve) => child.on('message', (m: { requestsPerSecond: number }) => resolve(m.requestsPerSecond)));
}

function startWorker(name: string, env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<void>; done: Promise<{ sent: number }> } {
  const child = fork(path.join(import.meta.dirname, 'worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...env, PROCESS_NAME: name },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve) => child.on('message', (m: { ready?: boolean }) => m.ready && resolve()));
  const done = new Promise<{ sent: number }>((resolve, reject) => {
    child.on('message', (m: { done?: boolean; sent: number }) => m.done && resolve(m));
    child.on('exit', (code) => code !== 0 && reject(new Error(`${name} exited with ${code}`)));
  });
  return { child, ready, done };
}

async function reminderStatuses(): Promise<Record<string, number>> {
  const rows = await db()
    .select({ status: notifications.status, count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(like(notifications.kind, 'reminder-%')))
    .groupBy(notifications.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-reminders-'));
  // Run as root, the embedded server drops to the postgres user, which must reach its directory.
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ dataDir });
  const standIn = await startResendStandIn();
  try {
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;

    const seedStart = performance.now();
    const invitations = await seedInvitedRooms({ rooms: ROOMS, membersPerRoom: MEMBERS, startsAt, invitedAt: new Date(startsAt.getTime() - 86_400_000) });
    console.log(`seeded ${ROOMS} rooms × ${MEMBERS} members (+ the organizer's copy each): ${invitations} invitations sent, in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const baseline = await baselineRequestsPerSecond(standIn);
    standIn.deliveries.length = 0;
    standIn.requests.length = 0;

    const env = { ...process.env, RESEND_API_KEY: 're_bench', RESEND_BASE_URL: standIn.url, BENCH_NOW: dueMinute.toISOString(), LOG_LEVEL: 'warn' };
    const workers = Array.from({ length: WORKERS }, (_, i) => startWorker(`worker-${i + 1}`, env));
    await Promise.all(workers.map((w) => w.ready));

    const start = performance.now();
    for (const w of workers) w.child.send('go');
    const reports = await Promise.all(workers.map((w) => w.done));
    const seconds = (performance.now() - start) / 1000;

    const delivered = standIn.deliveries.length;
    const distinct = new Set(standIn.deliveries.map((d) => `${d.to[0]}|${d.subject}`)).size;
    const statuses = await reminderStatuses();
    const expected = ROOMS * (MEMBERS + 1);
    console.log(
      [
        '',
        `reminders due in the same minute   ${expected} (${ROOMS} rooms, ${ROOMS * MEMBERS} members + ${ROOMS} organizer copies)`,
        `worker processes                   ${WORKERS} (sent ${reports.map((r) => r.sent).join(' + ')})`,
        `time to send all                   ${seconds.toFixed(2)} s (target < ${TARGET_SECONDS} s)`,
        `emails per second                  ${(delivered / seconds).toFixed(0)}`,
        `requests to the stand-in           ${standIn.requests.length} (${(standIn.requests.length / seconds).toFixed(0)} req/s, batch endpoint)`,
        `duplicates                         ${delivered - distinct} (must be 0)`,
        `delivered / expected               ${delivered} / ${expected}`,
        `reminder rows by status            ${JSON.stringify(statuses)}`,
        `baseline: stand-in raw request rate ${baseline.toFixed(0)} req/s (single-email POST /emails, same run)`,
      ].join('\n'),
    );
    if (delivered !== expected || delivered !== distinct || statuses.sent !== expected) process.exitCode = 1;
  } finally {
    await standIn.close();
    await closeDb();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
