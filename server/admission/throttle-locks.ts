import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import { pinAttempts } from '@/server/db/schema';
import { callerBucket } from './rules/throttle';

/** A transaction, or the pool itself. */
export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** Who is typing at the portal, for the D-5 throttle: a number, or null when hidden. */
export interface PortalCaller {
  number: string | null;
}

/**
 * D-5 is checked and recorded under transaction-scoped advisory locks, one per caller bucket and
 * (for a PIN) one per room, so that simultaneous calls of one caller (or into one room) take
 * turns: each sees the wrong entries of those before it. Taken in one statement, caller first,
 * so two checks never wait on each other in a circle. The reads that follow must be separate
 * statements: a statement sees what was committed when it started, not while it waited.
 */
export async function lockThrottles(tx: Tx, tenantId: string, caller: PortalCaller, roomId?: string): Promise<void> {
  const callerKey = `d5:caller:${tenantId}:${callerBucket(caller.number)}`;
  if (roomId === undefined) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${callerKey}, 0))`);
    return;
  }
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${callerKey}, 0)), pg_advisory_xact_lock(hashtextextended(${`d5:room:${roomId}`}, 0))`,
  );
}

/** The caller's wrong entries (PINs of any room, unknown room numbers) in the tenant since `from`. */
export async function callerAttemptsSince(tx: Tx, tenantId: string, caller: PortalCaller, from: Date): Promise<number[]> {
  const rows = await tx
    .select({ at: pinAttempts.attemptedAt })
    .from(pinAttempts)
    .where(
      and(
        eq(pinAttempts.tenantId, tenantId),
        caller.number === null ? isNull(pinAttempts.callerNumber) : eq(pinAttempts.callerNumber, caller.number),
        gt(pinAttempts.attemptedAt, from),
      ),
    );
  return rows.map((r) => r.at.getTime());
}
