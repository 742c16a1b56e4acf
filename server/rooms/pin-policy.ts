import { eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { tenants } from '@/server/db/schema';
import { ValidationError } from '@/server/lib/errors';
import type { Executor } from '@/server/notifications/tx';

/**
 * Issue 13: a room may have no PIN unless its tenant requires one (`requirePin`); then a
 * room without PIN is refused, naming the field, from the portal and the API alike.
 */
export async function assertPinPolicy(tenantId: string, pin: string | null | undefined, tx: Executor = db()): Promise<void> {
  if (pin) return;
  const [tenant] = await tx.select({ requirePin: tenants.requirePin }).from(tenants).where(eq(tenants.id, tenantId));
  if (tenant?.requirePin) throw new ValidationError([{ field: 'pin', code: 'pin.required' }]);
}
