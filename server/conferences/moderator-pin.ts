import { and, eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { pinAttempts, rooms } from '@/server/db/schema';

export type ModeratorPinCheck = 'moderator' | 'wrong' | 'no-pin';

/**
 * `*9` + PIN + `#` inside a conference (C-4, C-8). A wrong PIN is stored with the caller's number
 * like a wrong PIN at the portal (D-5), so that guessing from inside counts towards the same
 * throttle as guessing at the door.
 */
export async function checkModeratorPin(
  tenantId: string,
  roomId: string | null,
  typed: string,
  caller: { number: string | null },
  at: Date,
): Promise<ModeratorPinCheck> {
  if (!roomId) return 'no-pin';
  const [room] = await db()
    .select({ moderatorPin: rooms.moderatorPin })
    .from(rooms)
    .where(and(eq(rooms.tenantId, tenantId), eq(rooms.id, roomId)));
  if (!room?.moderatorPin) return 'no-pin';
  if (typed === room.moderatorPin) return 'moderator';
  await db().insert(pinAttempts).values({ tenantId, roomId, callerNumber: caller.number, attemptedAt: at });
  return 'wrong';
}
