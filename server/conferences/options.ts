import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { rooms } from '@/server/db/schema';

/** How a conference behaves inside (C-7, C-8, C-2, D-4), read from its room when it starts. */
export interface ConferenceOptions {
  enterMuted: boolean;
  waitForModerator: boolean;
  endWhenLastModeratorLeaves: boolean;
  announceJoinLeave: boolean;
  announceRecording: boolean;
  /** REC-1: recording starts by itself once two callers are in. */
  recordFromStart: boolean;
  maxParticipants: number;
  /** C-8: `*9` asks for a PIN only where there is one. */
  moderatorPinSet: boolean;
}

/** An ad-hoc conference has no room: the organizer leads, nobody waits, at most 10 callees come. */
export const ADHOC_OPTIONS: ConferenceOptions = {
  enterMuted: false,
  waitForModerator: false,
  endWhenLastModeratorLeaves: false,
  announceJoinLeave: true,
  announceRecording: true,
  recordFromStart: false,
  maxParticipants: 500,
  moderatorPinSet: false,
};

/** The options of a tenant's room; null when the room is gone (deleted while callers were typing). */
export async function roomConferenceOptions(tenantId: string, roomId: string): Promise<ConferenceOptions | null> {
  const [row] = await db()
    .select({
      enterMuted: rooms.enterMuted,
      waitForModerator: rooms.waitForModerator,
      endWhenLastModeratorLeaves: rooms.endWhenLastModeratorLeaves,
      announceJoinLeave: rooms.announceJoinLeave,
      announceRecording: rooms.announceRecording,
      recordFromStart: rooms.recordFromStart,
      maxParticipants: rooms.maxParticipants,
      moderatorPinSet: sql<boolean>`${rooms.moderatorPin} is not null`,
    })
    .from(rooms)
    .where(and(eq(rooms.tenantId, tenantId), eq(rooms.id, roomId)));
  return row ?? null;
}
