import { apiRoute } from '@/server/api/route';
import type { TenantUpdateInput } from '@/server/tenants/schemas';
import { getTenant, updateTenant } from '@/server/tenants/service';

export const GET = apiRoute(({ actor }) => getTenant(actor));

export const PATCH = apiRoute(async ({ actor, body }) => updateTenant(actor, (await body()) as TenantUpdateInput));
