import { isAdhocDialString } from '@/server/dialout/dial-string';
import type { InboundCall } from './telephony/port';

/** ARCHITECTURE sip/routing.ts: what an INVITE asks for, decided from the request URI alone (D-1, A-1). */
export type Route =
  | { kind: 'portal-number'; number: string }
  | { kind: 'star72' }
  /** T-2: an admin records the tenant's welcome announcement from their extension. */
  | { kind: 'star73' }
  | { kind: 'adhoc'; dialString: string }
  | { kind: 'unknown' };

const STAR72 = '*72';
const STAR73 = '*73';
const DIALLED = /^[+\d*#]+$/;
const MAX_DIALLED = 256;

export function routeCall(dialled: string): Route {
  const user = decodeUser(dialled);
  if (user === null || user.length > MAX_DIALLED) return { kind: 'unknown' };
  // A mistyped *71* string still reaches the ad-hoc flow, whose prompt tells the organizer.
  if (isAdhocDialString(user)) return { kind: 'adhoc', dialString: user };
  if (!DIALLED.test(user)) return { kind: 'unknown' };
  if (user === STAR72) return { kind: 'star72' };
  if (user === STAR73) return { kind: 'star73' };
  const number = portalNumberForm(user);
  return number ? { kind: 'portal-number', number } : { kind: 'unknown' };
}

/** Portal numbers are stored in E.164; carriers deliver `+33…`, `0033…` or `33…`. */
function portalNumberForm(user: string): string | null {
  if (/^\+\d{7,15}$/.test(user)) return user;
  if (/^00\d{7,15}$/.test(user)) return `+${user.slice(2)}`;
  if (/^\d{8,15}$/.test(user)) return `+${user}`;
  return null;
}

/** Some user agents escape `*` and `#` in the request URI (%2A, %23); a broken escape is refused. */
function decodeUser(user: string): string | null {
  try {
    return decodeURIComponent(user);
  } catch {
    return null;
  }
}

export interface CallerIdentity {
  /** The number to show and record; null when hidden or unusable. */
  number: string | null;
  name: string | null;
  /** The SIP domain of From: identifies the tenant for *72 and *71* (D-1). */
  domain: string | null;
  anonymous: boolean;
}

const ANONYMOUS_HOST = 'anonymous.invalid';
const CALLER_USER = /^[+\w.*#-]{1,64}$/;
const DISPLAY_NAME = /^[^\p{Cc}]{1,80}$/u;

/**
 * D-2: anonymous when From carries no usable user or says `anonymous`, or when `Privacy` asks
 * to hide the identity (RFC 3323 / 3325: any value but `none`). A P-Asserted-Identity, when
 * present and not hidden, is the trusted number (RFC 3325).
 */
export function callerIdentity(call: Pick<InboundCall, 'from' | 'privacy' | 'assertedIdentity'>): CallerIdentity {
  const privacy = (call.privacy ?? '')
    .toLowerCase()
    .split(/[;,\s]+/)
    .filter((p) => p.length > 0);
  const hidden = privacy.some((p) => p !== 'none');
  const fromHost = call.from.host?.toLowerCase() ?? null;
  const fromUser = fromHost === ANONYMOUS_HOST ? null : usableUser(call.from.user);
  const user = usableUser(call.assertedIdentity?.user) ?? fromUser;
  const anonymous = hidden || user === null;
  const name = call.from.displayName && DISPLAY_NAME.test(call.from.displayName) ? call.from.displayName : null;
  return {
    number: anonymous ? null : user,
    name: anonymous || !name || name.toLowerCase() === 'anonymous' ? null : name,
    domain: fromHost,
    anonymous,
  };
}

function usableUser(user: string | null | undefined): string | null {
  if (!user || !CALLER_USER.test(user)) return null;
  return user.toLowerCase() === 'anonymous' ? null : user;
}
