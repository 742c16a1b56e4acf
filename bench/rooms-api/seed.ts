import { sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { rooms } from '@/server/db/schema';
import { createTenant } from '@/server/tenants/service';
import { createToken } from '@/server/users/tokens';

const CHUNK = 1_000;

/** One tenant with `count` rooms spread over a year around now, as a busy tenant would have; returns its admin's token. */
export async function seedBusyTenant(count: number): Promise<string> {
  const email = 'bench-admin@bench.example.com';
  const { tenantId, adminUserId } = await createTenant({
    name: 'Benchmark tenant',
    portalNumbers: ['+33100000001'],
    sipDomain: 'bench.pbx.example.com',
    adminEmail: email,
    adminPassword: 'benchmark password',
  });
  const start = Date.now() - 180 * 86_400_000;
  for (let offset = 0; offset < count; offset += CHUNK) {
    const values = Array.from({ length: Math.min(CHUNK, count - offset) }, (_, i) => {
      const n = offset + i;
      return {
        tenantId,
        organizerId: adminUserId,
        name: `Room ${n}`,
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
  return (await createToken(email)).token;
}
