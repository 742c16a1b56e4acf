import { asc, eq } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/passwords';
import { db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { portalNumbers, tenants, users, type Tenant } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError } from '@/server/lib/errors';
import { parseInput } from '@/server/lib/validation';
import { tenantCreateSchema, tenantSettingsSchema, type TenantCreateInput, type TenantSettingsInput } from './schemas';

export type TenantSettings = Tenant & { portalNumbers: string[] };

function conflictFor(error: unknown): never {
  if (isUniqueViolation(error, 'portal_numbers_number_unique'))
    throw new ConflictError({ field: 'portalNumbers', code: 'portalNumber.taken' }, 'A portal number is already used');
  if (isUniqueViolation(error, 'tenants_sip_domain_unique'))
    throw new ConflictError({ field: 'sipDomain', code: 'sipDomain.taken' }, 'This SIP domain is already used');
  if (isUniqueViolation(error, 'users_email_unique'))
    throw new ConflictError({ field: 'adminEmail', code: 'email.taken' }, 'This email address is already used');
  throw error;
}

/** API-3 `tenant create`: the tenant, its portal numbers and its first admin, all or nothing. */
export async function createTenant(input: TenantCreateInput): Promise<{ tenantId: string; adminUserId: string }> {
  const data = parseInput(tenantCreateSchema, input);
  const passwordHash = await hashPassword(data.adminPassword);
  try {
    return await db().transaction(async (tx) => {
      const [tenant] = await tx
        .insert(tenants)
        .values({ name: data.name, sipDomain: data.sipDomain, timezone: data.timezone, language: data.language })
        .returning({ id: tenants.id });
      await tx.insert(portalNumbers).values(data.portalNumbers.map((number) => ({ tenantId: tenant.id, number })));
      const [admin] = await tx
        .insert(users)
        .values({
          tenantId: tenant.id,
          email: data.adminEmail,
          name: data.adminName ?? data.adminEmail.split('@')[0],
          passwordHash,
          role: 'admin',
        })
        .returning({ id: users.id });
      return { tenantId: tenant.id, adminUserId: admin.id };
    });
  } catch (error) {
    conflictFor(error);
  }
}

export async function loadTenant(tenantId: string): Promise<TenantSettings> {
  const [tenant] = await db().select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new NotFoundError('Tenant');
  const numbers = await db()
    .select({ number: portalNumbers.number })
    .from(portalNumbers)
    .where(eq(portalNumbers.tenantId, tenantId))
    .orderBy(asc(portalNumbers.createdAt), asc(portalNumbers.number));
  return { ...tenant, portalNumbers: numbers.map((n) => n.number) };
}

export const getTenantSettings = (actor: Actor) => loadTenant(actor.tenantId);

export async function updateTenantSettings(actor: Actor, input: TenantSettingsInput): Promise<TenantSettings> {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may change the settings');
  const data = parseInput(tenantSettingsSchema, input);
  const { portalNumbers: numbers, ...fields } = data;
  try {
    await db().transaction(async (tx) => {
      await tx.update(tenants).set(fields).where(eq(tenants.id, actor.tenantId));
      await tx.delete(portalNumbers).where(eq(portalNumbers.tenantId, actor.tenantId));
      await tx.insert(portalNumbers).values([...new Set(numbers)].map((number) => ({ tenantId: actor.tenantId, number })));
    });
  } catch (error) {
    conflictFor(error);
  }
  return loadTenant(actor.tenantId);
}
