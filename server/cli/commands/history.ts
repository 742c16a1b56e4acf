import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { tenantMonth } from '@/server/conferences/queries';
import { conferences } from '@/server/db/schema';
import { monthCsvStream } from '@/server/history/csv';
import { formatDuration } from '@/server/history/words';
import { platformUsage } from '@/server/history/usage';
import { systemClock } from '@/server/lib/clock';
import { ValidationError } from '@/server/lib/errors';
import { print } from '../output';

/** API-3, H-2..H-4: the operator reads a tenant's month, and the month's bill of every tenant. */
export function register(program: Command): void {
  const history = program.command('history').description('call history (H-2, H-3)');
  history
    .command('month')
    .description("a tenant's conferences of a month (its time zone) with participant-minutes; --csv writes the export, one row per leg")
    .requiredOption('--tenant-id <id>', 'the tenant')
    .requiredOption('--month <YYYY-MM>', 'the month, in the tenant time zone')
    .option('--csv', 'write the CSV export (UTF-8 with BOM) to standard output')
    .action(async (opts: { tenantId: string; month: string; csv?: boolean }, command: Command) => {
      const now = systemClock();
      if (opts.csv && command.optsWithGlobals().json) throw new ValidationError([{ field: 'csv', code: 'field.invalid' }]);
      // Validates the month and the tenant before the CSV's first byte.
      const list = await tenantMonth(opts.tenantId, { month: opts.month }, now);
      if (opts.csv) {
        await pipeline(await monthCsvStream(opts.tenantId, eq(conferences.tenantId, opts.tenantId), list.month, now), process.stdout, { end: false });
        return;
      }
      print(command, list, () =>
        [
          ...list.items.map((c) =>
            [c.startedAt, (c.room?.roomNumber ?? `adhoc ${c.organizerExtension ?? ''}`).padEnd(12), `${c.participantCount} legs`, formatDuration(c.durationSeconds), `${c.participantMinutes} min`, c.inProgress ? 'in progress' : ''].join('  '),
          ),
          `total: ${list.totals.conferences} conferences, ${list.totals.participantMinutes} participant-minutes`,
        ].join('\n'),
      );
    });

  program
    .command('usage')
    .description('participant-minutes of every tenant in a month (each in its own time zone): what the operator bills')
    .requiredOption('--month <YYYY-MM>', 'the month')
    .action(async (opts: { month: string }, command: Command) => {
      const result = await platformUsage({ month: opts.month }, systemClock());
      print(command, result, () =>
        [
          ...result.tenants.map((t) => `${t.tenantId}  ${t.name.padEnd(30)}  ${String(t.conferences).padStart(6)} conferences  ${String(t.participantMinutes).padStart(8)} participant-minutes`),
          `total: ${result.total.conferences} conferences, ${result.total.participantMinutes} participant-minutes`,
        ].join('\n'),
      );
    });
}
