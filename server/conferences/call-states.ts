import { and, eq, inArray } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { conferences, participants, type ParticipantRole } from '@/server/db/schema';

/**
 * What `call simulate --script` reports once its calls are over: each leg's last role and
 * microphone, each conference's lock and end. Read within the tenant of each call (T-1).
 */
export async function legState(tenantId: string, conferenceId: string, callId: string): Promise<{ role: ParticipantRole; muted: boolean } | null> {
  const [row] = await db()
    .select({ role: participants.role, muted: participants.muted })
    .from(participants)
    .where(and(eq(participants.tenantId, tenantId), eq(participants.conferenceId, conferenceId), eq(participants.callId, callId)));
  return row ?? null;
}

export async function conferenceStates(tenantId: string, conferenceIds: string[]): Promise<{ id: string; locked: boolean; endReason: string | null }[]> {
  if (conferenceIds.length === 0) return [];
  return db()
    .select({ id: conferences.id, locked: conferences.locked, endReason: conferences.endReason })
    .from(conferences)
    .where(and(eq(conferences.tenantId, tenantId), inArray(conferences.id, conferenceIds)));
}
