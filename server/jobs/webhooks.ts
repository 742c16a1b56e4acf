import { sql } from 'drizzle-orm';
import { db, listen } from '@/server/db/client';
import { env } from '@/server/lib/env';
import type { Logger } from '@/server/lib/logger';
import { deliverDueWebhooks, WEBHOOKS_CHANNEL } from '@/server/webhooks/deliver';
import { serialRounds } from './rounds';

/**
 * The worker's webhook deliveries (issue 10): a round runs when a delivery is written (NOTIFY
 * from the trigger), at start (what was written while no worker ran), and when the earliest
 * retry falls due, so a retry waits its back-off and not a whole minute more.
 */
export async function startWebhookDelivery(options: { claimant: string; log: Logger; now?: () => Date }): Promise<{ stop: () => Promise<void> }> {
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  const rounds = serialRounds(async () => {
    try {
      const report = await deliverDueWebhooks({ now, claimant: options.claimant, allowPrivate: env().WEBHOOKS_ALLOW_PRIVATE });
      if (report.delivered || report.failed) options.log.info(report, 'webhook deliveries');
    } catch (error) {
      options.log.error({ err: error }, 'webhook deliveries failed; the next wake-up tries again');
    }
    clearTimeout(timer);
    const [next] = await db()
      .execute<{ at: Date | string | null }>(sql`select min(next_attempt_at) as at from webhook_deliveries where status = 'pending'`)
      .catch(() => [{ at: null }]);
    if (next?.at) timer = setTimeout(() => void rounds.request(), Math.max(1000, new Date(next.at).getTime() - now().getTime()));
  });
  const subscription = await listen(WEBHOOKS_CHANNEL, () => void rounds.request());
  void rounds.request();
  return {
    stop: async () => {
      clearTimeout(timer);
      await subscription.unlisten();
      await rounds.close();
    },
  };
}
