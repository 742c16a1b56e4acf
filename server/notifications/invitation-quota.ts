import { and, eq, gt, min, sum } from 'drizzle-orm';
import type { Actor } from '@/server/auth/actor';
import { invitationSends, users } from '@/server/db/schema';
import { env } from '@/server/lib/env';
import { RateLimitError } from '@/server/lib/errors';
import type { Executor } from './tx';

const HOUR_MS = 3_600_000;

/**
 * Issue 13: one user may cause at most INVITATION_EMAILS_PER_HOUR invitation emails (default
 * 200) in any hour, so that the operator's sender is no spam relay. The user's row is locked
 * while counting, so two sends at once cannot both take the last places.
 */
export async function takeInvitationQuota(tx: Executor, actor: Actor, emails: number, now: Date): Promise<void> {
  if (emails === 0) return;
  const limit = env().INVITATION_EMAILS_PER_HOUR;
  await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for('no key update');
  const since = new Date(now.getTime() - HOUR_MS);
  const [used] = await tx
    .select({ emails: sum(invitationSends.emails).mapWith(Number), oldest: min(invitationSends.sentAt) })
    .from(invitationSends)
    .where(and(eq(invitationSends.userId, actor.userId), eq(invitationSends.tenantId, actor.tenantId), gt(invitationSends.sentAt, since)));
  if ((used.emails ?? 0) + emails > limit) {
    const freedAt = (used.oldest ?? now).getTime() + HOUR_MS;
    throw new RateLimitError(
      'invitations.hourlyLimit',
      `Sending these ${emails} invitation emails would pass the limit of ${limit} per hour per user; try again later`,
      Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)),
    );
  }
  await tx.insert(invitationSends).values({ tenantId: actor.tenantId, userId: actor.userId, emails, sentAt: now });
}
