import { and, eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { extensions, portalNumbers, tenants, type Tenant } from '@/server/db/schema';

/** What the call flows need to know about a tenant. */
export type CallTenant = Pick<
  Tenant,
  | 'id'
  | 'name'
  | 'language'
  | 'timezone'
  | 'sipDomain'
  | 'outboundRoute'
  | 'dialOutClasses'
  | 'earlyJoinMinutes'
  | 'rejectAnonymous'
>;

const tenantColumns = {
  id: tenants.id,
  name: tenants.name,
  language: tenants.language,
  timezone: tenants.timezone,
  sipDomain: tenants.sipDomain,
  outboundRoute: tenants.outboundRoute,
  dialOutClasses: tenants.dialOutClasses,
  earlyJoinMinutes: tenants.earlyJoinMinutes,
  rejectAnonymous: tenants.rejectAnonymous,
};

/** D-1: the dialled portal number alone picks the tenant (portal numbers are globally unique). */
export async function tenantForPortalNumber(number: string): Promise<CallTenant | null> {
  const [row] = await db()
    .select(tenantColumns)
    .from(portalNumbers)
    .innerJoin(tenants, eq(tenants.id, portalNumbers.tenantId))
    .where(eq(portalNumbers.number, number));
  return row ?? null;
}

/** D-1: calls from a tenant's extensions carry its SIP domain in From. */
export async function tenantForSipDomain(domain: string): Promise<CallTenant | null> {
  const [row] = await db().select(tenantColumns).from(tenants).where(eq(tenants.sipDomain, domain.toLowerCase()));
  return row ?? null;
}

export async function findExtension(tenantId: string, number: string): Promise<{ number: string; name: string } | null> {
  const [row] = await db()
    .select({ number: extensions.number, name: extensions.name })
    .from(extensions)
    .where(and(eq(extensions.tenantId, tenantId), eq(extensions.number, number)));
  return row ?? null;
}

export async function extensionNumbers(tenantId: string): Promise<Set<string>> {
  const rows = await db().select({ number: extensions.number }).from(extensions).where(eq(extensions.tenantId, tenantId));
  return new Set(rows.map((r) => r.number));
}
