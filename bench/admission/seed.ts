import { randomBytes } from 'node:crypto';
import { db } from '@/server/db/client';
import { pinAttempts, portalNumbers, rooms, tenants, users } from '@/server/db/schema';

export const TENANTS = 100;
export const ROOMS_PER_TENANT = 100;

export interface Fixture {
  tenantCount: number;
  rooms: { id: string; tenantId: string; portalNumber: string; roomNumber: string; pin: string }[];
}

/** 100 tenants × 100 rooms, every room open at `now`, a tenth with a few recent wrong PINs. */
export async function seed(now: Date): Promise<Fixture> {
  const fixture: Fixture = { tenantCount: TENANTS, rooms: [] };
  for (let t = 0; t < TENANTS; t++) {
    const portalNumber = `+3319${String(t).padStart(7, '0')}`;
    const [tenant] = await db()
      .insert(tenants)
      .values({ name: `Bench ${t}`, sipDomain: `bench-${t}.pbx.example.net` })
      .returning({ id: tenants.id });
    await db().insert(portalNumbers).values({ tenantId: tenant.id, number: portalNumber });
    const [organizer] = await db()
      .insert(users)
      .values({ tenantId: tenant.id, email: `bench-${t}@example.net`, name: 'Bench', passwordHash: 'x', role: 'admin' })
      .returning({ id: users.id });
    const values = Array.from({ length: ROOMS_PER_TENANT }, (_, r) => ({
      tenantId: tenant.id,
      organizerId: organizer.id,
      name: `Room ${r}`,
      roomNumber: String(100_000 + r),
      startsAt: new Date(now.getTime() - 10 * 60_000),
      durationMinutes: 480,
      pin: String(100_000 + (parseInt(randomBytes(3).toString('hex'), 16) % 900_000)),
    }));
    const inserted = await db().insert(rooms).values(values).returning({ id: rooms.id, roomNumber: rooms.roomNumber, pin: rooms.pin });
    for (const room of inserted) fixture.rooms.push({ id: room.id, tenantId: tenant.id, portalNumber, roomNumber: room.roomNumber, pin: room.pin! });
    const noisy = inserted.slice(0, ROOMS_PER_TENANT / 10);
    await db()
      .insert(pinAttempts)
      .values(noisy.flatMap((room) => [1, 2, 3].map((m) => ({ tenantId: tenant.id, roomId: room.id, callerNumber: null, attemptedAt: new Date(now.getTime() - m * 60_000) }))));
  }
  return fixture;
}
