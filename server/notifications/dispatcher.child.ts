import { closeDb } from '@/server/db/client';
import { mailTransportFromEnv } from '@/server/mail/from-env';
import { dispatchDue } from './dispatch';
import { releaseClaimsOf } from './store';

/**
 * One dispatcher in a process of its own, for the exactly-once tests: they start several at
 * once, or kill one with SIGKILL in the middle of a send. Prints its report as JSON.
 */
const now = new Date(process.env.DISPATCH_NOW ?? Date.now());
const claimant = process.env.DISPATCH_CLAIMANT;
// As the worker does at its start (server/jobs/main.ts).
if (claimant && process.env.DISPATCH_RECLAIM) await releaseClaimsOf(claimant);
const report = await dispatchDue({
  transport: mailTransportFromEnv(),
  clock: () => now,
  leaseMs: Number(process.env.DISPATCH_LEASE_MS ?? 60_000),
  batchesPerRound: 2,
  concurrency: 1,
  claimant,
});
process.stdout.write(JSON.stringify(report));
await closeDb();
