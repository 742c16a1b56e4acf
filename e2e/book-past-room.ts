import { eq } from 'drizzle-orm';
import { actorForUser } from '@/server/auth/actor';
import { closeDb, db } from '@/server/db/client';
import { openDatabase } from '@/server/db/embedded';
import { users } from '@/server/db/schema';
import { createRoom } from '@/server/rooms/service';

/**
 * For browser tests that need an expired room: the portal refuses a start whose window has
 * closed, so the room is booked through the service as of a moment back then (time is an
 * input), on the e2e database. Prints `{ id }`.
 */
const [email, roomNumber, name, startsAt, bookedAt] = process.argv.slice(2);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? '.data-e2e' });
process.env.DATABASE_URL = database.url;
try {
  const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  const actor = user ? await actorForUser(user.id) : null;
  if (!actor) throw new Error(`no user ${email}`);
  const room = await createRoom(actor, { roomNumber, name, startsAt, durationMinutes: 60 }, new Date(bookedAt));
  process.stdout.write(`${JSON.stringify({ id: room.id })}\n`);
} finally {
  await closeDb();
  await database.stop();
}
