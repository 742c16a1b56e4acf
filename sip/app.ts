import type { CallTenant } from '@/server/admission/tenant-lookup';
import type { CallDeps, CallOutcome, RefusalReason } from './deps';
import { adhocDialOut } from './flows/adhoc-dial-out';
import { portalDialIn } from './flows/portal-dial-in';
import { recordAnnouncement } from './flows/record-announcement';
import { callerIdentity, routeCall, type CallerIdentity, type Route } from './routing';
import { CallSession } from './session';
import type { CallLeg, InboundCall } from './telephony/port';

/** Every INVITE starts here: route, find the tenant, refuse what must be refused before answering, run the flow. */
export async function handleCall(call: InboundCall, deps: CallDeps): Promise<CallOutcome> {
  const caller = callerIdentity(call);
  const log = deps.log.child({ callId: call.callId, dialled: call.dialled, caller: caller.number ?? 'hidden' });
  const refuse = async (status: number, reason: RefusalReason, tenantId?: string): Promise<CallOutcome> => {
    log.info({ status, reason }, 'call refused before answer');
    await call.refuse(status);
    return { decision: 'refused', reason, ...(tenantId ? { tenantId } : {}) };
  };

  if (!deps.mediaAvailable()) return refuse(503, 'media-unavailable');
  const route = routeCall(call.dialled);
  const tenant = await tenantFor(route, caller, deps);
  if (!tenant) return refuse(404, 'no-tenant');
  // D-2 comes before anything else the tenant offers, ad-hoc included.
  if (tenant.rejectAnonymous && caller.anonymous) return refuse(403, 'anonymous', tenant.id);
  const organizer = route.kind === 'adhoc' ? await organizerExtension(tenant, caller, deps) : null;
  // 404 like an unknown domain: a stranger must not learn which domains are tenants' (T-1).
  if (route.kind === 'adhoc' && !organizer) return refuse(404, 'no-tenant');
  // T-2, T-3: the welcome announcement is the admins' to change, by phone as on the settings page.
  if (route.kind === 'star73' && !(caller.number && (await deps.services.isAdminExtension(tenant.id, caller.number)))) return refuse(403, 'not-admin', tenant.id);

  let leg: CallLeg;
  try {
    leg = await call.answer();
  } catch (err) {
    log.error({ err }, 'could not connect the caller to the media server');
    deps.mediaFailed(err);
    return refuse(503, 'media-unavailable', tenant.id);
  }
  const session = new CallSession(leg, tenant, caller, deps.catalogue, log.child({ tenantId: tenant.id }));
  try {
    if (route.kind === 'adhoc') return await adhocDialOut(session, deps, route.dialString, organizer!);
    if (route.kind === 'star73') return await recordAnnouncement(session, deps);
    return await portalDialIn(session, deps);
  } catch (err) {
    session.log.error({ err }, 'call flow failed');
    await session.hangup().catch(() => {});
    throw err;
  }
}

async function tenantFor(route: Route, caller: CallerIdentity, deps: CallDeps): Promise<CallTenant | null> {
  if (route.kind === 'portal-number') return deps.services.tenantForPortalNumber(route.number);
  if (route.kind === 'unknown' || !caller.domain) return null;
  return deps.services.tenantForSipDomain(caller.domain);
}

/** only the tenant's own extensions may start an ad-hoc conference. */
async function organizerExtension(tenant: CallTenant, caller: CallerIdentity, deps: CallDeps): Promise<string | null> {
  if (!caller.number) return null;
  const extension = await deps.services.findExtension(tenant.id, caller.number);
  return extension?.number ?? null;
}
