import { isIPv4, isIPv6 } from 'node:net';

/**
 * Issue 13 #6: the tenant's outbound route ends up in the request URI of every dial-out leg
 * (`sip:<number>@<route>`), so it is exactly `host[:port][;transport=udp|tcp|tls]`: a host name,
 * an IPv4 address or a bracketed IPv6 address; nothing that could add a header, a URI parameter
 * or another user part (`?`, `>`, `@`, CR/LF…).
 */
const SHAPE = /^(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(?<port>\d{1,5}))?(?:;transport=(?<transport>udp|tcp|tls))?$/i;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const LOOKS_NUMERIC = /^[\d.]+$/;

/** The route as stored (host lower-cased, `transport` lower-cased), or null when it is not one. */
export function normalizeOutboundRoute(route: string): string | null {
  const match = SHAPE.exec(route);
  if (!match?.groups) return null;
  const { host, port, transport } = match.groups;
  const validHost = host.startsWith('[')
    ? isIPv6(host.slice(1, -1))
    : LOOKS_NUMERIC.test(host)
      ? isIPv4(host)
      : HOST_NAME.test(host);
  if (!validHost) return null;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  return `${host.toLowerCase()}${port !== undefined ? `:${Number(port)}` : ''}${transport ? `;transport=${transport.toLowerCase()}` : ''}`;
}
