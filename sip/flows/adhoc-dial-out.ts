import { parseDialString } from '@/server/dialout/dial-string';
import { applyDialOutPolicy } from '@/server/dialout/number-class';
import { outboundUri } from '@/server/dialout/route';
import type { LiveConference } from '../conference/live-conference';
import type { CallDeps, CallOutcome, DialOutResult } from '../deps';
import type { CallSession } from '../session';

/** a callee who has not answered within 30 s is not added. */
const DIAL_OUT_TIMEOUT_MS = 30_000;

/**
 * `*71*N1*…*Nk` (A-1..A-5): the organizer is answered and put into a new conference, every
 * allowed number is called at once through the tenant's outbound route, those who answer join.
 */
export async function adhocDialOut(session: CallSession, deps: CallDeps, dialString: string, organizer: string): Promise<CallOutcome> {
  const { tenant } = session;
  const base = { tenantId: tenant.id };
  const parsed = parseDialString(dialString);
  if (!parsed.ok) {
    session.log.info({ error: parsed.error }, 'malformed ad-hoc dial string, nothing dialled');
    await session.refuse('adhoc-malformed');
    return { ...base, decision: 'refused', reason: 'malformed' };
  }

  const decisions = applyDialOutPolicy(parsed.numbers, tenant.dialOutClasses, await deps.services.extensionNumbers(tenant.id));
  const refused = decisions.filter((d) => !d.allowed);
  for (const d of refused) {
    session.log.warn({ number: d.number, numberClass: d.numberClass }, 'dial-out refused by the tenant policy (A-5)');
    await session.play('adhoc-number-refused');
  }
  const allowed = decisions.filter((d) => d.allowed);
  const results = new Map<string, DialOutResult>(refused.map((d) => [d.number, 'refused-policy']));
  const report = () => decisions.map((d) => ({ number: d.number, result: results.get(d.number) ?? 'failed' }));
  if (allowed.length === 0) {
    await session.refuse();
    return { ...base, decision: 'refused', dialOut: report() };
  }

  await session.play('adhoc-calling');
  // Nothing is dialled for an organizer who hung up during the prompts.
  if (!session.active) return { ...base, decision: 'refused', reason: 'abandoned' };
  const conference = await deps.conferences.startAdhoc(tenant, organizer);
  await conference.add({ leg: session.leg, callerNumber: organizer, callerName: session.caller.name, role: 'organizer', direction: 'inbound' });
  await Promise.all(
    allowed.map(async ({ number }) => results.set(number, await callOne(deps, conference, session, number, organizer))),
  );
  if (![...results.values()].includes('answered') && !conference.isClosed) {
    await conference.announce('adhoc-nobody-answered');
    await conference.close('nobody-answered');
  }
  return { ...base, decision: 'admitted', conferenceId: conference.id, dialOut: report() };
}

async function callOne(deps: CallDeps, conference: LiveConference, session: CallSession, number: string, organizer: string): Promise<DialOutResult> {
  const identity = `<sip:${organizer}@${session.tenant.sipDomain}>`;
  const outcome = await deps.telephony.dialOut({
    uri: outboundUri(number, session.tenant),
    headers: { From: identity, 'P-Asserted-Identity': identity },
    timeoutMs: DIAL_OUT_TIMEOUT_MS,
  });
  session.log.info({ number, result: outcome.result }, 'ad-hoc dial-out');
  if (outcome.result !== 'answered') return outcome.result;
  // the conference may have ended while this callee's phone was ringing.
  if (conference.isClosed) {
    await outcome.leg.hangup();
    return 'answered';
  }
  await conference.add({ leg: outcome.leg, callerNumber: number, callerName: null, role: 'participant', direction: 'outbound' });
  return 'answered';
}
