import { sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { rooms } from '@/server/db/schema';
import { createTenant } from '@/server/tenants/service';
import { createUser } from '@/server/users/service';
import { createToken } from '@/server/users/tokens';

const CHUNK = 1_000;
/** Room names and organizers as a French company writes them: accents, capitals, several words. */
const TOPICS = ['Comité budget', 'Réunion d’équipe', 'Point hebdo', 'Revue des ventes', 'Séminaire été', 'Entretien annuel', 'Café client', 'Démo produit'];
const ORGANIZERS = ['Hélène Lefèvre', 'Jérôme Dupré', 'Zoé Martin', 'François Noël', 'Amélie Bérenger', 'Loïc Gaël', 'Ana García', 'Søren Ødegård'];

/**
 * One tenant with `count` rooms spread around now (1.75 h apart), named after a few topics and
 * booked by the admin and eight colleagues, as a busy tenant would have; returns its admin's token.
 */
export async function seedBusyTenant(count: number): Promise<string> {
  const email = 'bench-admin@bench.example.com';
  const { tenantId, adminUserId } = await createTenant({
    name: 'Benchmark tenant',
    portalNumbers: ['+33100000001'],
    sipDomain: 'bench.pbx.example.com',
    adminEmail: email,
    adminPassword: 'benchmark password',
  });
  const organizers = [adminUserId];
  for (const [i, name] of ORGANIZERS.entries()) {
    const { userId } = await createUser(tenantId, { email: `organizer${i}@bench.example.com`, password: 'benchmark password', role: 'subscriber', name });
    organizers.push(userId);
  }
  const start = Date.now() - (count / 2) * 1.75 * 3_600_000;
  for (let offset = 0; offset < count; offset += CHUNK) {
    const values = Array.from({ length: Math.min(CHUNK, count - offset) }, (_, i) => {
      const n = offset + i;
      return {
        tenantId,
        organizerId: organizers[n % organizers.length],
        name: `${TOPICS[n % TOPICS.length]} ${n}`,
        roomNumber: String(100_000 + n),
        startsAt: new Date(start + n * 3_600_000 * 1.75),
        durationMinutes: 60,
        pin: String(100_000 + ((n * 7919) % 900_000)),
        description: n % 3 === 0 ? `Weekly meeting ${n}` : null,
      };
    });
    await db().insert(rooms).values(values);
  }
  // Autovacuum analyses a table soon after a bulk load; done here so that the run does not measure
  // the planner guessing from an empty table's statistics.
  await db().execute(sql`analyze rooms`);
  await db().execute(sql`analyze users`);
  return (await createToken(email)).token;
}
