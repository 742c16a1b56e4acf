import { describe, expect, it } from 'vitest';
import { runCli } from '@/test/cli';
import { useTestDatabase } from '@/test/database';
import { actorForBearer } from '@/server/users/tokens';
import { signInWithPassword } from '@/server/auth/sign-in';

const signIn = async (email: string, password: string) => {
  const result = await signInWithPassword({ email, password, address: '192.0.2.1' }, new Date());
  return result.outcome === 'signed-in' ? { userId: result.userId } : null;
};
import { loadTenant } from '@/server/tenants/service';

const database = useTestDatabase();

const cli = (...args: string[]) => runCli(database.url(), args);

describe('API-3 operator CLI', () => {
  let tenantId = '';

  it('tenant create makes the tenant, its portal numbers and its first admin', async () => {
    const { code, json } = await cli(
      'tenant', 'create', '--name', 'Acme', '--portal-number', '+33123456789', '--portal-number', '+33198765432',
      '--sip-domain', 'pbx.acme.test', '--timezone', 'Europe/Paris', '--admin-email', 'Admin@Acme.test', '--admin-password', 'secret-123',
    );
    expect(code).toBe(0);
    expect(Object.keys(json).sort()).toEqual(['adminUserId', 'tenantId']);
    tenantId = json.tenantId as string;
    const tenant = await loadTenant(tenantId);
    expect(tenant).toMatchObject({ name: 'Acme', sipDomain: 'pbx.acme.test', timezone: 'Europe/Paris', language: 'fr', earlyJoinMinutes: 5 });
    expect(tenant.portalNumbers.sort()).toEqual(['+33123456789', '+33198765432']);
    expect(await signIn('admin@acme.test', 'secret-123')).toEqual({ userId: json.adminUserId });
    expect(await signIn('admin@acme.test', 'wrong-pass')).toBeNull();
  });

  it('refuses a portal number another tenant owns, naming the field, and creates nothing', async () => {
    const { code, json } = await cli(
      'tenant', 'create', '--name', 'Other', '--portal-number', '+33123456789', '--sip-domain', 'pbx.other.test',
      '--admin-email', 'admin@other.test', '--admin-password', 'secret-123',
    );
    expect(code).toBe(1);
    expect(json.error).toMatchObject({ errors: [{ field: 'portalNumbers', message: expect.stringMatching(/already used/) }] });
    expect(await signIn('admin@other.test', 'secret-123')).toBeNull();
  });

  it('names every bad field of tenant create', async () => {
    const { code, json } = await cli(
      'tenant', 'create', '--name', 'Bad', '--portal-number', '0123', '--sip-domain', 'nodot', '--timezone', 'Paris',
      '--admin-email', 'not-an-email', '--admin-password', 'short',
    );
    expect(code).toBe(1);
    const fields = (json.error as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['adminEmail', 'adminPassword', 'portalNumbers.0', 'sipDomain', 'timezone']);
  });

  it('user create adds a subscriber owning an extension; token create gives a bearer token acting as that user', async () => {
    const created = await cli(
      'user', 'create', '--tenant-id', tenantId, '--email', 'jane@acme.test', '--password', 'secret-456',
      '--role', 'subscriber', '--extension', '201', '--name', 'Jane Doe',
    );
    expect(created.code).toBe(0);
    const token = await cli('token', 'create', '--email', 'jane@acme.test');
    expect(token.code).toBe(0);
    expect(token.json.token).toMatch(/^cbt_[A-Za-z0-9_-]{43}$/);
    const actor = await actorForBearer(`Bearer ${token.json.token}`);
    expect(actor).toMatchObject({ userId: created.json.userId, tenantId, role: 'subscriber', name: 'Jane Doe' });
  });

  it('user create refuses an unknown tenant and a bad role', async () => {
    expect((await cli('user', 'create', '--tenant-id', '00000000-0000-0000-0000-000000000000', '--email', 'x@acme.test', '--password', 'secret-456', '--role', 'admin')).json)
      .toEqual({ error: { message: 'Tenant not found' } });
    const badRole = await cli('user', 'create', '--tenant-id', tenantId, '--email', 'y@acme.test', '--password', 'secret-456', '--role', 'owner');
    expect(badRole.json.error).toMatchObject({ errors: [{ field: 'role' }] });
  });

  it('token create refuses an unknown email', async () => {
    expect(await cli('token', 'create', '--email', 'nobody@acme.test')).toEqual({ code: 1, json: { error: { message: 'User not found' } } });
  });
});
