import { and, eq, gt, min, count, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { conferenceCommands } from '@/server/db/schema';
import { RateLimitError } from '@/server/lib/errors';

/**
 * A control link is a bearer credential anyone holding the URL may use, without an account
 * (L-3): its actions are capped per conference so that a leaked link cannot flood the sip
 * process or run up dial-out costs. Counted on the command rows, so every web process sees
 * the same figures. Users and API tokens are accountable and not capped here.
 */
export const LINK_ACTIONS_PER_MINUTE = 30;
export const LINK_DIALS_PER_HOUR = 10;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export async function assertLinkMayAct(conferenceId: string, action: string, now: Date): Promise<void> {
  await assertUnder(conferenceId, null, LINK_ACTIONS_PER_MINUTE, MINUTE_MS, now, 'live.linkActionsLimit', `A control link may do at most ${LINK_ACTIONS_PER_MINUTE} actions a minute on one conference; try again shortly`);
  if (action === 'dial')
    await assertUnder(conferenceId, 'dial', LINK_DIALS_PER_HOUR, HOUR_MS, now, 'live.linkDialsLimit', `A control link may call out at most ${LINK_DIALS_PER_HOUR} numbers an hour for one conference; try again later`);
}

async function assertUnder(conferenceId: string, action: 'dial' | null, limit: number, windowMs: number, now: Date, code: string, message: string): Promise<void> {
  const since = new Date(now.getTime() - windowMs);
  const [used] = await db()
    .select({ n: count(), oldest: min(conferenceCommands.createdAt) })
    .from(conferenceCommands)
    .where(
      and(
        eq(conferenceCommands.conferenceId, conferenceId),
        gt(conferenceCommands.createdAt, since),
        sql`${conferenceCommands.requestedBy} ->> 'kind' = 'link'`,
        action ? eq(conferenceCommands.action, action) : undefined,
      ),
    );
  if (used.n < limit) return;
  const freedAt = (used.oldest ?? now).getTime() + windowMs;
  throw new RateLimitError(code, message, Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)));
}
