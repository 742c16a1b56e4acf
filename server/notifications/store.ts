import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { notifications, rooms, type Notification } from '@/server/db/schema';

const OPEN = ['pending', 'sending'] as const;

export interface ClaimOptions {
  now: Date;
  batches: number;
  leaseMs: number;
  roomId?: string;
  /** Recorded on the claim, so that this claimant, restarted, can take back what it held when it died. */
  claimant?: string;
}

/**
 * Claims up to `batches` due batches, whole, for this process: their leaders are locked with
 * SKIP LOCKED so concurrent dispatchers take disjoint batches, and the lease makes a batch whose
 * claimer died claimable again later. The lease runs on the database's clock, not on `now`:
 * it is about processes staying alive, not about when emails are due.
 */
export async function claimDue({ now, batches, leaseMs, roomId, claimant }: ClaimOptions): Promise<Notification[]> {
  const leaders = db()
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        sql`${notifications.id} = ${notifications.batchId}`,
        inArray(notifications.status, OPEN),
        lte(notifications.nextAttemptAt, now),
        or(isNull(notifications.leaseUntil), sql`${notifications.leaseUntil} < clock_timestamp()`),
        roomId ? eq(notifications.roomId, roomId) : undefined,
      ),
    )
    .orderBy(asc(notifications.nextAttemptAt))
    .limit(batches)
    .for('update', { skipLocked: true });
  return db()
    .update(notifications)
    .set({
      status: 'sending',
      leaseUntil: sql`clock_timestamp() + ${leaseMs} * interval '1 millisecond'`,
      claimedBy: claimant ?? null,
      attempts: sql`${notifications.attempts} + 1`,
    })
    .where(and(inArray(notifications.batchId, leaders), inArray(notifications.status, OPEN)))
    .returning();
}

/**
 * At the start of a worker: the claims it still holds are those of its previous run, which died
 * mid-batch (it is the only process with this id). They become claimable at once instead of at
 * the end of their lease; the transport's idempotency key still recognises an email that did
 * leave before the death, so nothing is sent twice.
 */
export async function releaseClaimsOf(claimant: string): Promise<number> {
  const released = await db()
    .update(notifications)
    .set({ leaseUntil: null })
    .where(and(eq(notifications.claimedBy, claimant), eq(notifications.status, 'sending')))
    .returning({ id: notifications.id });
  return released.length;
}

export async function recordSent(sent: { id: string; providerId: string }[], sentAt: Date): Promise<void> {
  await db().execute(sql`
    update ${notifications} set status = 'sent', sent_at = ${sentAt.toISOString()}::timestamptz, lease_until = null, last_error = null,
      provider_message_id = nullif(sent."providerId", '')
    from jsonb_to_recordset(${JSON.stringify(sent)}::jsonb) as sent(id uuid, "providerId" text)
    where ${notifications.id} = sent.id and ${notifications.status} = 'sending'`);
}

/** The batch is tried again at `retryAt`, or stays failed when `retryAt` is null; the error stays visible. */
export async function recordFailure(batchId: string, error: string, retryAt: Date | null): Promise<void> {
  await db()
    .update(notifications)
    .set(
      retryAt
        ? { status: 'pending', nextAttemptAt: retryAt, leaseUntil: null, lastError: error }
        : { status: 'failed', leaseUntil: null, lastError: error },
    )
    .where(and(eq(notifications.batchId, batchId), eq(notifications.status, 'sending')));
}

/**
 * A batch refused as a whole (one bad address spoils the request) was not sent at all, so its
 * emails may safely go out one by one, each under its own key.
 */
export async function splitBatch(batchId: string, error: string, retryAt: Date): Promise<void> {
  await db()
    .update(notifications)
    .set({ batchId: sql`${notifications.id}`, status: 'pending', nextAttemptAt: retryAt, leaseUntil: null, lastError: error })
    .where(and(eq(notifications.batchId, batchId), eq(notifications.status, 'sending')));
}

/** A batch that must not leave any more (window closed, room rescheduled or deleted), with the reason. */
export async function recordDropped(batchId: string, status: 'skipped' | 'cancelled', reason: string): Promise<void> {
  await db()
    .update(notifications)
    .set({ status, leaseUntil: null, lastError: reason })
    .where(and(eq(notifications.batchId, batchId), eq(notifications.status, 'sending')));
}

/** The schedule version of each room that still exists. */
export async function roomVersions(roomIds: string[]): Promise<Map<string, number>> {
  if (roomIds.length === 0) return new Map();
  const rows = await db()
    .select({ id: rooms.id, version: rooms.scheduleVersion })
    .from(rooms)
    .where(inArray(rooms.id, [...new Set(roomIds)]));
  return new Map(rows.map((r) => [r.id, r.version]));
}
