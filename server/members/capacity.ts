import { and, count, eq } from 'drizzle-orm';
import { members } from '@/server/db/schema';
import { env } from '@/server/lib/env';
import { ConflictError } from '@/server/lib/errors';
import type { Executor } from '@/server/notifications/tx';

/**
 * Issue 13: a room holds at most ROOM_MEMBERS_MAX members (default 100), so that one subscriber
 * cannot turn a room into a mailing list. Called with the room locked, so parallel adds cannot
 * pass the limit together.
 */
export async function assertRoomHasSpace(tx: Executor, tenantId: string, roomId: string): Promise<void> {
  const limit = env().ROOM_MEMBERS_MAX;
  const [{ total }] = await tx
    .select({ total: count() })
    .from(members)
    .where(and(eq(members.roomId, roomId), eq(members.tenantId, tenantId)));
  if (total >= limit) throw new ConflictError({ field: 'members', code: 'members.tooMany' }, `This room already has the maximum of ${limit} members`);
}
