import type { Clock } from '@/server/lib/clock';
import type { MailTransport } from '@/server/mail/transport';
import { dispatchDue } from '@/server/notifications/dispatch';
import { forgetEndedWindows } from '@/server/auth/sign-in-throttle';
import { planDueReminders } from '@/server/notifications/reminders';
import { logger } from '@/server/lib/logger';
import { deleteExpiredRecordings } from '@/server/recordings/access';
import { forgetExpiredLinks } from '@/server/recordings/links';
import { finishRecordings } from '@/server/recordings/service';
import { forgetOldCommands } from '@/server/live/retention';

export interface DueJobsReport {
  remindersPlanned: number;
  sent: number;
  failed: number;
  skipped: number;
  /** REC-1: recordings encoded and stored, or failed (with their reason on the row). */
  recordingsReady: number;
  recordingsFailed: number;
  /** REC-2: recordings past their tenant's retention, deleted (each one logged). */
  recordingsDeleted: number;
}

const log = logger.child({ job: 'recording-retention' });

/**
 * Every job that is due as of the clock, once: reminders that fell due are written, then every
 * notification waiting (new, or back from a failed attempt) is sent. Running it late catches up;
 * running it twice, or in two processes at once, sends nothing twice (M-4). Recordings waiting
 * to be encoded come last (an hour of audio takes about a minute of CPU): emails never wait for
 * them. The first round at start is what finishes the WAVs a crash left (REC-1).
 */
export async function runDueJobs(transport: MailTransport, clock: Clock, claimant?: string): Promise<DueJobsReport> {
  const remindersPlanned = await planDueReminders(clock());
  const delivered = await dispatchDue({ transport, clock, claimant });
  await forgetEndedWindows(clock());
  const encoded = await finishRecordings(clock());
  const deleted = await deleteExpiredRecordings(clock());
  for (const recording of deleted) log.info(recording, 'recording past the retention period deleted');
  await forgetExpiredLinks(clock());
  await forgetOldCommands(clock());
  return { remindersPlanned, ...delivered, recordingsReady: encoded.ready, recordingsFailed: encoded.failed, recordingsDeleted: deleted.length };
}
