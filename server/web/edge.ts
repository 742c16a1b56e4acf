import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What every request passes before Next sees it: the client's address as this deployment trusts
 * it, the security headers, and a clear refusal of paths Next cannot decode.
 */

/** Request header carrying the client address to the app; whatever a client sends under it is replaced. */
export const CLIENT_ADDRESS_HEADER = 'x-client-address';

/**
 * The socket's peer, or with TRUST_PROXY=1 the last address of X-Forwarded-For: the one the
 * proxy in front of us appended, so a client cannot choose it by sending the header itself.
 */
export function clientAddress(request: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  return chain.at(-1) ?? peer;
}

/**
 * Request header carrying the page address that was asked for (path and query, without Next's
 * `_rsc` marker), so a page that needs a sign-in can send the user back to it (issue 12.7).
 * Whatever a client sends under it is replaced.
 */
export const REQUEST_PATH_HEADER = 'x-request-path';

/** `/rooms/1?_rsc=abc&x=1` → `/rooms/1?x=1`: the address as the user sees it in the bar. */
export function requestPath(url: string): string {
  const parsed = new URL(url, 'http://edge.invalid');
  parsed.searchParams.delete('_rsc');
  return parsed.pathname + parsed.search;
}

/**
 * Pages: scripts only with this response's nonce (Next puts it on its own inline scripts when
 * it finds it in the request's CSP header); styles may be inline because React and Next write
 * style attributes, and a style cannot run code. The API answers JSON: nothing may load at all.
 */
export function contentSecurityPolicy(pathname: string, nonce: string, dev: boolean): string {
  if (pathname.startsWith('/api/')) return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
} as const;

/** A path whose percent-encoding does not decode (e.g. `%ZZ`, or bytes that are not UTF-8). */
export function undecodablePath(url: string): boolean {
  const pathname = url.split('?')[0];
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** Headers set on the request and the response; returns false when the request was answered here. */
export function prepare(request: IncomingMessage, response: ServerResponse, options: { trustProxy: boolean; dev: boolean }): boolean {
  const url = request.url ?? '/';
  const pathname = url.split('?')[0];
  const nonce = randomBytes(16).toString('base64');
  const csp = contentSecurityPolicy(pathname, nonce, options.dev);
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddress(request, options.trustProxy);
  request.headers['content-security-policy'] = csp;
  response.setHeader('content-security-policy', csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  if (undecodablePath(url)) {
    refuseUndecodable(pathname, response);
    return false;
  }
  request.headers[REQUEST_PATH_HEADER] = requestPath(url);
  if (forgedActionOrigin(request)) {
    refuseForgedOrigin(response);
    return false;
  }
  return true;
}

/**
 * A server action posted from another site (CSRF): Next refuses it too, but with a 500. The same
 * comparison Next makes, the Origin's host against the host the request was sent to, answered 403.
 */
export function forgedActionOrigin(request: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  if (request.method !== 'POST' || !request.headers['next-action']) return false;
  const origin = request.headers.origin;
  if (!origin) return false;
  const forwarded = request.headers['x-forwarded-host'];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim() || request.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function refuseForgedOrigin(response: ServerResponse): void {
  response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('Forbidden: this form was not sent from this site / Interdit : ce formulaire ne vient pas de ce site');
}

function refuseUndecodable(pathname: string, response: ServerResponse): void {
  const detail = 'The address contains an invalid percent-encoding';
  if (pathname.startsWith('/api/')) {
    response.writeHead(400, { 'content-type': 'application/problem+json' });
    response.end(JSON.stringify({ type: 'about:blank', title: 'Invalid input', status: 400, detail }));
    return;
  }
  response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
  response.end(
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Adresse invalide / Invalid address</title></head>' +
      '<body><main><h1>Adresse invalide</h1><p>Cette adresse contient un encodage incorrect. <a href="/rooms">Retour aux salles</a></p>' +
      '<h1 lang="en">Invalid address</h1><p lang="en">This address contains an invalid encoding. <a href="/rooms">Back to rooms</a></p></main></body></html>',
  );
}
