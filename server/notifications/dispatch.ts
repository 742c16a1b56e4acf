import type { EmailFacts } from '@/emails/facts';
import type { Notification } from '@/server/db/schema';
import type { Clock } from '@/server/lib/clock';
import { logger } from '@/server/lib/logger';
import type { MailTransport, SendOutcome } from '@/server/mail/transport';
import { windowStatus } from '@/server/rooms/rules/window';
import { createComposer } from './compose';
import { retryDelayMs, shouldRetry } from './rules/retry';
import { claimDue, recordDropped, recordFailure, recordSent, roomVersions, splitBatch } from './store';

export interface DispatchOptions {
  transport: MailTransport;
  clock: Clock;
  /** Only this room's notifications: used right after "Send invitation". */
  roomId?: string;
  /** How long a claim holds before another dispatcher may take it over. */
  leaseMs?: number;
  /** Batches claimed, then sent side by side, per round. */
  batchesPerRound?: number;
  concurrency?: number;
  /** The worker's id (WORKER_ID), recorded on its claims. */
  claimant?: string;
}

export interface DispatchReport {
  sent: number;
  failed: number;
  skipped: number;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const log = logger.child({ module: 'notifications' });

const isReminder = (row: Notification) => row.kind === 'reminder-30' || row.kind === 'reminder-15';

function groupByBatch(rows: Notification[]): Notification[][] {
  const batches = new Map<string, Notification[]>();
  for (const row of rows) batches.set(row.batchId, [...(batches.get(row.batchId) ?? []), row]);
  return [...batches.values()];
}

/**
 * E-6, M-4: claim due notifications, send them, record what happened; round after round until
 * nothing is due. Exactly once rests on three things: the claim (SKIP LOCKED, so no two
 * dispatchers hold a batch), the lease (a claim whose process died is taken over later), and the
 * idempotency key (the taken-over send is recognised by the transport, not sent again).
 */
export async function dispatchDue(options: DispatchOptions): Promise<DispatchReport> {
  const { transport, clock, roomId, leaseMs = DEFAULT_LEASE_MS, batchesPerRound = 20, concurrency = 4, claimant } = options;
  const compose = createComposer();
  const report: DispatchReport = { sent: 0, failed: 0, skipped: 0 };

  async function send(batch: Notification[]): Promise<SendOutcome> {
    const { request, ids } = await compose(batch);
    const outcome = await transport.send(request);
    if (outcome.ok) await recordSent(ids.map((id, i) => ({ id, providerId: outcome.providerIds[i] ?? '' })), clock());
    return outcome;
  }

  async function deliver(batch: Notification[], versions: Map<string, number>): Promise<void> {
    const [leader] = batch;
    if (isReminder(leader) && reminderTooLate(leader, clock())) {
      await recordDropped(leader.batchId, 'skipped', 'the window closed before the reminder could be sent');
      report.skipped += batch.length;
      return;
    }
    // A report (H-5) is about a conference already held: a later change or deletion of its room does not stop it.
    if (leader.kind !== 'cancellation' && leader.kind !== 'report' && versions.get(leader.roomId) !== leader.roomVersion) {
      // Claimed or retrying when the room was changed or deleted: the update or the
      // cancellation has replaced it.
      await recordDropped(leader.batchId, 'cancelled', 'superseded: the room was changed or deleted');
      report.skipped += batch.length;
      return;
    }
    const outcome = await send(batch).catch((error: unknown): SendOutcome => ({ ok: false, retryable: true, error: String(error) }));
    if (outcome.ok) {
      report.sent += batch.length;
      return;
    }
    log.warn({ batchId: leader.batchId, error: outcome.error, attempts: leader.attempts }, 'send failed');
    report.failed += batch.length;
    if (!outcome.retryable && batch.length > 1) return splitBatch(leader.batchId, outcome.error, clock());
    const retryAt = new Date(clock().getTime() + retryDelayMs(leader.attempts));
    await recordFailure(leader.batchId, outcome.error, shouldRetry(leader.attempts, outcome.retryable) ? retryAt : null);
  }

  for (;;) {
    const claimed = await claimDue({ now: clock(), batches: batchesPerRound, leaseMs, roomId, claimant });
    if (claimed.length === 0) return report;
    const versions = await roomVersions(claimed.map((row) => row.roomId));
    await inParallel(groupByBatch(claimed), concurrency, (batch) => deliver(batch, versions));
  }
}

/** M-4: never a reminder after the window closed, even one claimed before it closed. */
function reminderTooLate(row: Notification, now: Date): boolean {
  const { window } = row.facts as EmailFacts;
  return windowStatus({ opensAt: new Date(window.opensAt), closesAt: new Date(window.closesAt) }, now) === 'expired';
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
