import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET, POST } from '@/app/api/auth/[...nextauth]/route';
import { createTenant } from '@/server/tenants/service';
import { useTestDatabase } from '@/test/database';

// next-auth reads its secret when auth.ts is imported, before any hook runs.
vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'test-only-Vq3Lm8Rt2Xw9Kp4Zs7Nd1Hf6Jc0Gb5Ya';
});

useTestDatabase();

const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'violet-anchor-58';

beforeAll(async () => {
  await createTenant({ name: 'Route', portalNumbers: ['+33100000002'], sipDomain: 'route.example.com', adminEmail: 'ada@route.example.com', adminPassword: PASSWORD });
});

/** next-auth's credentials endpoint as a browser or a script reaches it: CSRF token first, then the form. */
async function signInOverHttp(email: string, password: string, address: string): Promise<Response> {
  const csrf = await GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { 'x-client-address': address } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-client-address': address },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${ORIGIN}/rooms` }),
    }),
  );
}

describe("next-auth's credentials callback route is throttled too (issue 13, contract)", () => {
  it('answers 429 problem+json with Retry-After after 10 wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 10; i++) {
      const wrong = await signInOverHttp('ada@route.example.com', `nope-${i}`, '198.51.100.20');
      expect(wrong.status).toBe(302);
      expect(wrong.headers.get('location')).toMatch(/error=CredentialsSignin/);
    }
    const refused = await signInOverHttp('ada@route.example.com', PASSWORD, '198.51.100.20');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await refused.json()).toMatchObject({ status: 429, detail: expect.stringMatching(/try again in \d+ minutes/) });
  });

  it('still signs the account in from another address (a session cookie is set)', async () => {
    const ok = await signInOverHttp('ada@route.example.com', PASSWORD, '198.51.100.21');
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/rooms`);
    expect(ok.headers.getSetCookie().some((c) => c.startsWith('authjs.session-token='))).toBe(true);
  });
});
