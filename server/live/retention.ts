import { and, inArray, lt } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { conferenceCommands, simulatedCallRequests } from '@/server/db/schema';

/**
 * Command rows are a mailbox, not a record: the action log keeps what was done (conference
 * events, kind `action`), and a command older than its 3 s answer window is never acted on. They
 * are kept a week to help an operator investigate, then removed so the table stays small. The
 * simulator's requests likewise, once answered (a placed call is `running` while it lasts).
 */
export const COMMANDS_KEPT_MS = 7 * 24 * 3_600_000;

export async function forgetOldCommands(now: Date): Promise<{ commands: number; simulatedCalls: number }> {
  const before = new Date(now.getTime() - COMMANDS_KEPT_MS);
  const commands = await db().delete(conferenceCommands).where(lt(conferenceCommands.createdAt, before)).returning({ id: conferenceCommands.id });
  const simulatedCalls = await db()
    .delete(simulatedCallRequests)
    .where(and(lt(simulatedCallRequests.createdAt, before), inArray(simulatedCallRequests.status, ['done', 'failed']))).returning({ id: simulatedCallRequests.id });
  return { commands: commands.length, simulatedCalls: simulatedCalls.length };
}
