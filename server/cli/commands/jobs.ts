import type { Command } from 'commander';
import { z } from 'zod';
import { runDueJobs } from '@/server/jobs/run-due';
import { systemClock, type Clock } from '@/server/lib/clock';
import { parseInput } from '@/server/lib/validation';
import { mailTransportFromEnv } from '@/server/mail/from-env';
import { startsAtSchema } from '@/server/rooms/schemas';
import { print } from '../output';

const optionsSchema = z.object({ now: startsAtSchema.optional() });

export function register(program: Command): void {
  program
    .command('jobs')
    .description('scheduled jobs: reminders and email delivery (M-4, E-6)')
    .command('run-due')
    .description('run every due job once, as of --now (default: the current time)')
    .option('--now <iso>', 'the instant to run as of, ISO 8601 with an offset')
    .action(async (opts, command: Command) => {
      const { now } = parseInput(optionsSchema, { now: opts.now });
      // A given --now stands still for the whole run, so its outcome depends on it alone.
      const clock: Clock = now ? () => now : systemClock;
      const report = await runDueJobs(mailTransportFromEnv(), clock);
      print(command, { sent: report.sent }, () =>
        `${report.sent} sent; ${report.remindersPlanned} reminders fell due, ${report.failed} failed (will retry or stay failed), ${report.skipped} too late to send`,
      );
    });
}
