import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { users } from '@/server/db/schema';
import { createTenant } from '@/server/tenants/service';
import { createUser } from '@/server/users/service';
import { useTestDatabase } from '@/test/database';
import { signInWithPassword } from './sign-in';
import { SIGN_IN_LIMITS } from './sign-in-throttle';

useTestDatabase();

const PASSWORD = 'orange-kettle-42';
let tenantId = '';
beforeAll(async () => {
  ({ tenantId } = await createTenant({
    name: 'Throttle',
    portalNumbers: ['+33100000001'],
    sipDomain: 'throttle.example.com',
    adminEmail: 'ada@throttle.example.com',
    adminPassword: PASSWORD,
  }));
  for (const who of ['bob', 'carl', 'dora', 'eve', 'flo']) await createUser(tenantId, { email: `${who}@throttle.example.com`, password: PASSWORD, role: 'subscriber' });
});

const NOW = new Date('2026-03-02T10:00:00Z');
const attempt = (email: string, password: string, address: string, now = NOW) => signInWithPassword({ email, password, address }, now);

describe('sign-in throttle per account and client address (issue 13, contract)', () => {
  it('after 10 wrong passwords from one address, that address is refused for the account, the right password included', async () => {
    for (let i = 0; i < 10; i++) expect((await attempt('bob@throttle.example.com', `wrong-${i}`, '198.51.100.7')).outcome).toBe('refused');
    const refused = await attempt('bob@throttle.example.com', PASSWORD, '198.51.100.7');
    expect(refused).toMatchObject({ outcome: 'throttled' });
    expect(refused.outcome === 'throttled' && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.outcome === 'throttled' && refused.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowMs / 1000);
  });

  it('does not slow another account from the same address, nor the same account from another address', async () => {
    expect((await attempt('ada@throttle.example.com', PASSWORD, '198.51.100.7')).outcome).toBe('signed-in');
    expect((await attempt('bob@throttle.example.com', PASSWORD, '203.0.113.9')).outcome).toBe('signed-in');
  });

  it('lets the account in again from that address once the 15-minute window is over', async () => {
    const later = new Date(NOW.getTime() + SIGN_IN_LIMITS.windowMs + 1000);
    expect((await attempt('bob@throttle.example.com', PASSWORD, '198.51.100.7', later)).outcome).toBe('signed-in');
  });

  it('holds under concurrency: 40 simultaneous wrong attempts get at most 10 password checks', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt('carl@throttle.example.com', `guess-${i}`, '198.51.100.8')));
    expect(results.filter((r) => r.outcome === 'refused')).toHaveLength(SIGN_IN_LIMITS.perAccountAndAddress);
    expect(results.filter((r) => r.outcome === 'throttled')).toHaveLength(40 - SIGN_IN_LIMITS.perAccountAndAddress);
  });

  it('throttles unknown emails exactly like known ones, so the answer does not tell which exist', async () => {
    for (let i = 0; i < 10; i++) expect((await attempt('nobody@throttle.example.com', `wrong-${i}`, '198.51.100.9')).outcome).toBe('refused');
    expect((await attempt('nobody@throttle.example.com', 'wrong', '198.51.100.9')).outcome).toBe('throttled');
  });

  it('one address trying many accounts is refused after 100 attempts in the window', async () => {
    const address = '198.51.100.10';
    let throttled = 0;
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress + 1; i++) {
      const result = await attempt(`spray-${i}@throttle.example.com`, 'wrong', address);
      if (result.outcome === 'throttled') throttled++;
    }
    expect(throttled).toBe(1);
    expect((await attempt('dora@throttle.example.com', PASSWORD, address)).outcome).toBe('throttled');
    expect((await attempt('dora@throttle.example.com', PASSWORD, '198.51.100.11')).outcome).toBe('signed-in');
  });
});

describe('password hashes (T-5, issue 13)', () => {
  it('a bcryptjs hash made before still signs in, and is replaced by argon2id on that sign-in', async () => {
    const legacy = await bcrypt.hash(PASSWORD, 10);
    await db().update(users).set({ passwordHash: legacy }).where(eq(users.email, 'eve@throttle.example.com'));
    expect((await attempt('eve@throttle.example.com', 'not it', '198.51.100.12')).outcome).toBe('refused');
    const [before] = await db().select({ hash: users.passwordHash }).from(users).where(eq(users.email, 'eve@throttle.example.com'));
    expect(before.hash).toBe(legacy);
    expect((await attempt('eve@throttle.example.com', PASSWORD, '198.51.100.12')).outcome).toBe('signed-in');
    const [after] = await db().select({ hash: users.passwordHash }).from(users).where(eq(users.email, 'eve@throttle.example.com'));
    expect(after.hash).toMatch(/^\$argon2id\$/);
    expect((await attempt('eve@throttle.example.com', PASSWORD, '198.51.100.12')).outcome).toBe('signed-in');
  });

  it('two passwords that share their first 72 bytes are different passwords', async () => {
    const long = `${'x7-'.repeat(24)}first`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(72);
    await createUser(tenantId, { email: 'long@throttle.example.com', password: long, role: 'subscriber' });
    expect((await attempt('long@throttle.example.com', `${'x7-'.repeat(24)}other`, '198.51.100.13')).outcome).toBe('refused');
    expect((await attempt('long@throttle.example.com', long, '198.51.100.13')).outcome).toBe('signed-in');
  });

  it('refuses the most common passwords and overlong ones, naming the field', async () => {
    for (const password of ['password', '12345678', 'Password1', 'qwerty123'])
      await expect(createUser(tenantId, { email: `common-${password}@throttle.example.com`, password, role: 'subscriber' })).rejects.toMatchObject({
        issues: [{ field: 'password', code: 'password.common' }],
      });
    await expect(createUser(tenantId, { email: 'huge@throttle.example.com', password: 'k'.repeat(257), role: 'subscriber' })).rejects.toMatchObject({
      issues: [{ field: 'password', code: 'password.tooLong' }],
    });
  });
});
