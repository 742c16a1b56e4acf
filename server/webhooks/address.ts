import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Server-side request forgery guard for webhook endpoints: only public unicast addresses, never
 * loopback, private, link-local (cloud metadata at 169.254.169.254), multicast or reserved
 * ranges, unless WEBHOOKS_ALLOW_PRIVATE=1. Checked when the endpoint is registered and again at
 * each connection, on the address actually connected to (a name may resolve elsewhere later).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

export type UrlRefusal = 'webhook.url' | 'webhook.private';

/** Why this URL may not receive webhooks, or null when it may. */
export async function refuseWebhookUrl(raw: string, allowPrivate: boolean): Promise<UrlRefusal | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhook.url';
  }
  const httpAllowed = allowPrivate && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !httpAllowed) return 'webhook.url';
  if (url.username || url.password) return 'webhook.url';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) return isPublicAddress(host) ? null : 'webhook.private';
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return 'webhook.url';
  }
  return addresses.length > 0 && addresses.every((a) => isPublicAddress(a.address)) ? null : 'webhook.private';
}

/**
 * A `lookup` for node:http(s) that refuses to connect to a non-public address, so a name that
 * now resolves to one (DNS rebinding) cannot reach it.
 */
export function publicOnlyLookup(
  hostname: string,
  options: { all?: boolean },
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookup(hostname, { all: true, verbatim: true })
    .then((addresses) => {
      const allowed = addresses.filter((a) => isPublicAddress(a.address));
      if (allowed.length === 0) {
        const error: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private or local address; refused`);
        error.code = 'EPRIVATEADDRESS';
        return callback(error, '');
      }
      if (options.all) return callback(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    })
    .catch((error: NodeJS.ErrnoException) => callback(error, ''));
}
