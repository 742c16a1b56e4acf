import { and, inArray, like, sql } from 'drizzle-orm';
import { closeDb, db } from '@/server/db/client';
import { notifications } from '@/server/db/schema';
import { runDueJobs } from '@/server/jobs/run-due';
import { mailTransportFromEnv } from '@/server/mail/from-env';

/**
 * One worker process of the benchmark: on "go" it runs the due jobs as the real worker does at
 * the due minute, again and again until no reminder is left to send (the real worker would come
 * back a minute later; here that minute is what is measured).
 */
const now = new Date(process.env.BENCH_NOW!);
const transport = mailTransportFromEnv();
const send = (message: object) => process.send!(message);

async function remindersLeft(): Promise<{ total: number; open: number }> {
  const [row] = await db()
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${inArray(notifications.status, ['pending', 'sending'])})::int`,
    })
    .from(notifications)
    .where(and(like(notifications.kind, 'reminder-%')));
  return row;
}

async function work(): Promise<void> {
  let sent = 0;
  let planned = 0;
  for (;;) {
    const report = await runDueJobs(transport, () => now);
    sent += report.sent;
    planned += report.remindersPlanned;
    const left = await remindersLeft();
    if (left.total > 0 && left.open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  send({ done: true, sent, planned });
  await closeDb();
  process.exit(0);
}

await remindersLeft();
process.on('message', (message) => {
  if (message === 'go') void work();
});
send({ ready: true });
