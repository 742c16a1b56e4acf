import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/passwords';
import { db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { portalNumbers, tenants, users, type Tenant } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { parseInput } from '@/server/lib/validation';
import {
  tenantCreateSchema,
  tenantSettingsSchema,
  tenantUpdateSchema,
  type TenantCreateInput,
  type TenantSettingsInput,
  type TenantUpdateInput,
  type TenantView,
} from './schemas';

export type TenantSettings = Tenant & { portalNumbers: string[] };

function conflictFor(error: unknown): never {
  if (isUniqueViolation(error, 'portal_numbers_number_unique'))
    throw new ConflictError({ field: 'portalNumbers', code: 'portalNumber.taken' }, 'A portal number is already used');
  if (isUniqueViolation(error, 'tenants_sip_domain_unique'))
    throw new ConflictError({ field: 'sipDomain', code: 'sipDomain.taken' }, 'This SIP domain is already used');
  // Emails are sign-in identities across tenants: the refusal must not tell that one exists elsewhere.
  if (isUniqueViolation(error, 'users_email_unique'))
    throw new ConflictError({ field: 'adminEmail', code: 'email.taken' }, 'This email address cannot be used');
  throw error;
}

/** Which of the numbers another tenant holds, by its place in the list as the admin typed it. */
async function takenPortalNumber(tenantId: string, numbers: string[]): Promise<ConflictError | null> {
  const taken = await db()
    .select({ number: portalNumbers.number })
    .from(portalNumbers)
    .where(and(inArray(portalNumbers.number, numbers), ne(portalNumbers.tenantId, tenantId)));
  const index = numbers.findIndex((n) => taken.some((t) => t.number === n));
  return index < 0 ? null : new ConflictError({ field: `portalNumbers.${index}`, code: 'portalNumber.taken' }, `The portal number ${numbers[index]} is already used`);
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

function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may change the settings');
}

/** `GET /api/v1/tenant`: every user of the tenant may read its settings (T-2). */
export async function getTenant(actor: Actor): Promise<TenantView> {
  return toTenantView(await loadTenant(actor.tenantId));
}

/** `PATCH /api/v1/tenant`: admins change any of the fields; the others stay as they are. */
export async function updateTenant(actor: Actor, input: TenantUpdateInput): Promise<TenantView> {
  assertAdmin(actor);
  return updateTenantById(actor.tenantId, input);
}

/** `tenant update` (API-3): the platform operator changes a tenant's settings from the command line. */
export async function updateTenantById(tenantId: string, input: TenantUpdateInput): Promise<TenantView> {
  if (!isUuid(tenantId)) throw new NotFoundError('Tenant');
  const { dialOutPolicy, ...fields } = parseInput(tenantUpdateSchema, input);
  const changes = { ...fields, ...(dialOutPolicy ? { dialOutClasses: [...new Set(dialOutPolicy)] } : {}) };
  if (Object.keys(changes).length > 0) await db().update(tenants).set(changes).where(eq(tenants.id, tenantId));
  return toTenantView(await loadTenant(tenantId));
}

function toTenantView(tenant: TenantSettings): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    timezone: tenant.timezone,
    language: tenant.language,
    outboundRoute: tenant.outboundRoute,
    dialOutPolicy: tenant.dialOutClasses,
    earlyJoinMinutes: tenant.earlyJoinMinutes,
    rejectAnonymous: tenant.rejectAnonymous,
    maskCallerNumbers: tenant.maskCallerNumbers,
    sipDomain: tenant.sipDomain,
    portalNumbers: tenant.portalNumbers,
  };
}

export async function updateTenantSettings(actor: Actor, input: TenantSettingsInput): Promise<TenantSettings> {
  assertAdmin(actor);
  const data = parseInput(tenantSettingsSchema, input);
  const { portalNumbers: numbers, dialOutPolicy, ...fields } = data;
  try {
    await db().transaction(async (tx) => {
      await tx.update(tenants).set({ ...fields, dialOutClasses: [...new Set(dialOutPolicy)] }).where(eq(tenants.id, actor.tenantId));
      await tx.delete(portalNumbers).where(eq(portalNumbers.tenantId, actor.tenantId));
      await tx.insert(portalNumbers).values([...new Set(numbers)].map((number) => ({ tenantId: actor.tenantId, number })));
    });
  } catch (error) {
    if (isUniqueViolation(error, 'portal_numbers_number_unique')) throw (await takenPortalNumber(actor.tenantId, numbers)) ?? error;
    conflictFor(error);
  }
  return loadTenant(actor.tenantId);
}
