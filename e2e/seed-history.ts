import { eq } from 'drizzle-orm';
import { actorForUser } from '@/server/auth/actor';
import { setLocked } from '@/server/conferences/live-state';
import { closeConference, openConference, recordJoin, recordLeave } from '@/server/conferences/records';
import { closeDb, db } from '@/server/db/client';
import { openDatabase } from '@/server/db/embedded';
import { users } from '@/server/db/schema';
import { createRoom } from '@/server/rooms/service';
import { readyRecording } from '@/test/recordings';

/**
 * For the history browser tests (H-2): conferences are written by the sip process, which does
 * not run beside the browser tests, so this writes a held one through the same record functions,
 * in a room of the given user booked the day before, on the e2e database. Prints `{ roomId, conferenceId }`.
 */
const [email, roomNumber, startedAtIso] = process.argv.slice(2);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? '.data-e2e' });
process.env.DATABASE_URL = database.url;
try {
  const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  const actor = user ? await actorForUser(user.id) : null;
  if (!actor) throw new Error(`no user ${email}`);
  const startedAt = new Date(startedAtIso);
  const room = await createRoom(actor, { roomNumber, name: 'Comité qualité', startsAt: startedAt.toISOString(), durationMinutes: 60 }, new Date(startedAt.getTime() - 86_400_000));
  const conferenceId = await openConference({ tenantId: actor.tenantId, kind: 'room', roomId: room.id, roomNumber, organizerExtension: null, mediaServer: 'fs-e2e', sipInstance: 'e2e', mediaName: `e2e-${roomNumber}`, startedAt });
  const after = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);
  const first = await recordJoin({ tenantId: actor.tenantId, conferenceId, callId: `${conferenceId}-1`, callerNumber: '+33611223344', callerName: 'Hélène Müller', role: 'organizer', direction: 'inbound', joinedAt: startedAt });
  const second = await recordJoin({ tenantId: actor.tenantId, conferenceId, callId: `${conferenceId}-2`, callerNumber: null, callerName: null, role: 'participant', direction: 'inbound', joinedAt: after(30) });
  await setLocked({ tenantId: actor.tenantId, conferenceId, at: after(60), by: { kind: 'keypad', id: first }, locked: true });
  // REC-2: the two callers recorded for 20 s, through the simulated media server's WAV and the worker's encoding.
  await readyRecording(actor.tenantId, conferenceId, 20, after(35));
  await recordLeave(second, after(30 + 61), 'hangup');
  await closeConference(conferenceId, after(600), 'last-participant');
  process.stdout.write(`${JSON.stringify({ roomId: room.id, conferenceId })}\n`);
} finally {
  await closeDb();
  await database.stop();
}
