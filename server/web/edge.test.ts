import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, prepare, REQUEST_PATH_HEADER } from './edge';

/**
 * The web edge in front of Next (server/web/main.ts), on a real socket. Behind it here is a
 * handler that echoes what it received, standing where Next stands.
 */
function edgeServer(trustProxy: boolean): Server {
  return createServer((request, response) => {
    if (!prepare(request, response, { trustProxy, dev: false })) return;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ address: request.headers[CLIENT_ADDRESS_HEADER], csp: request.headers['content-security-policy'], path: request.headers[REQUEST_PATH_HEADER] }));
  });
}

let direct: Server;
let proxied: Server;
beforeAll(async () => {
  direct = edgeServer(false);
  proxied = edgeServer(true);
  await Promise.all([direct, proxied].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
});
afterAll(() => {
  direct.close();
  proxied.close();
});

/** A raw request: fetch would normalise the path and refuse some headers. */
function send(server: Server, path: string, options: { method?: string; headers?: Record<string, string> } = {}) {
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('client address for the sign-in throttle (issue 13, contract)', () => {
  it('is the socket peer, whatever X-Forwarded-For a client sends, unless TRUST_PROXY=1', async () => {
    const answer = await send(direct, '/sign-in', { headers: { 'x-forwarded-for': '203.0.113.66', [CLIENT_ADDRESS_HEADER]: '203.0.113.77' } });
    expect(JSON.parse(answer.body).address).toBe('127.0.0.1');
  });

  it('with TRUST_PROXY=1 is the address the proxy appended last to X-Forwarded-For', async () => {
    const answer = await send(proxied, '/sign-in', { headers: { 'x-forwarded-for': '10.9.9.9, 198.51.100.4' } });
    expect(JSON.parse(answer.body).address).toBe('198.51.100.4');
    expect(JSON.parse((await send(proxied, '/sign-in')).body).address).toBe('127.0.0.1');
  });
});

describe('security headers on every response (issue 13, contract)', () => {
  it.each(['/sign-in', '/rooms/123', '/api/v1/rooms', '/api/health', '/_next/static/x.js', '/%ZZ'])('%s', async (path) => {
    const { headers } = await send(direct, path);
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it("hands the page's script nonce to Next in the request's CSP, a new one each time", async () => {
    const first = JSON.parse((await send(direct, '/rooms')).body).csp as string;
    const second = JSON.parse((await send(direct, '/rooms')).body).csp as string;
    expect(first).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(first).not.toBe(second);
  });
});

describe('bad input at the edge (Q-5, issue 13)', () => {
  it('an undecodable path answers 400 problem+json under /api and a readable page elsewhere', async () => {
    const api = await send(direct, '/api/v1/rooms/%ZZ');
    expect(api.status).toBe(400);
    expect(api.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(api.body)).toMatchObject({ status: 400, detail: expect.stringMatching(/percent-encoding/) });
    const page = await send(direct, '/rooms/%ZZ');
    expect(page.status).toBe(400);
    expect(page.body).toMatch(/Adresse invalide/);
    expect((await send(direct, '/rooms/%C3%28')).status).toBe(400);
  });

  it('a server action posted from another site answers 403; from this site it goes on', async () => {
    const forged = await send(direct, '/rooms', { method: 'POST', headers: { 'next-action': 'abc', origin: 'https://evil.example', host: 'portal.example.net' } });
    expect(forged.status).toBe(403);
    const own = await send(direct, '/rooms', { method: 'POST', headers: { 'next-action': 'abc', origin: 'https://portal.example.net', host: 'portal.example.net' } });
    expect(own.status).toBe(200);
  });
});

describe('the page that was asked for, for the sign-in to return to (issue 12.7)', () => {
  it("is the path and query as in the address bar, without Next's _rsc marker, whatever the client claims", async () => {
    const answer = await send(direct, '/rooms/abc?_rsc=x1&filter=all', { headers: { [REQUEST_PATH_HEADER]: 'https://evil.example/' } });
    expect(JSON.parse(answer.body).path).toBe('/rooms/abc?filter=all');
  });
});
