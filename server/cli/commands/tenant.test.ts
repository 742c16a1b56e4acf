import { beforeAll, describe, expect, it } from 'vitest';
import { loadTenant } from '@/server/tenants/service';
import { runCli } from '@/test/cli';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';

const database = useTestDatabase();
const cli = (...args: string[]) => runCli(database.url(), args);

let t: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('Cli');
});

describe('tenant update (API-3, T-2)', () => {
  it('changes each field given by its option and prints the tenant as the API shows it', async () => {
    const { code, json } = await cli(
      'tenant', 'update', '--tenant-id', t.tenantId, '--name', 'Acme Industries', '--timezone', 'Europe/Berlin', '--language', 'de',
      '--outbound-route', 'sbc.example.net:5060;transport=tcp', '--dial-out-policy', 'extension,national,international',
      '--early-join-minutes', '15', '--reject-anonymous', 'true', '--mask-caller-numbers', 'false',
    );
    expect(code).toBe(0);
    expect(json).toMatchObject({
      id: t.tenantId,
      name: 'Acme Industries',
      timezone: 'Europe/Berlin',
      language: 'de',
      outboundRoute: 'sbc.example.net:5060;transport=tcp',
      dialOutPolicy: ['extension', 'national', 'international'],
      earlyJoinMinutes: 15,
      rejectAnonymous: true,
      maskCallerNumbers: false,
    });
    expect(await loadTenant(t.tenantId)).toMatchObject({ name: 'Acme Industries', dialOutClasses: ['extension', 'national', 'international'], maskCallerNumbers: false });
  });

  it('leaves out what is not given, and removes the route with none', async () => {
    const { json } = await cli('tenant', 'update', '--tenant-id', t.tenantId, '--outbound-route', 'none');
    expect(json).toMatchObject({ name: 'Acme Industries', outboundRoute: null, earlyJoinMinutes: 15 });
  });

  it.each([
    ['outboundRoute', ['--outbound-route', 'sbc.example.net?x=<y>']],
    ['outboundRoute', ['--outbound-route', 'user@sbc.example.net']],
    ['rejectAnonymous', ['--reject-anonymous', 'maybe']],
    ['dialOutPolicy', ['--dial-out-policy', 'extension,satellite']],
    ['earlyJoinMinutes', ['--early-join-minutes', '-1']],
  ])('refuses a bad %s naming the field, and changes nothing', async (field, option) => {
    const before = await loadTenant(t.tenantId);
    const { code, json } = await cli('tenant', 'update', '--tenant-id', t.tenantId, '--name', 'Changed', ...option);
    expect(code).toBe(1);
    expect(json.error.errors.map((e: { field: string }) => e.field.split('.')[0])).toEqual([field]);
    expect(await loadTenant(t.tenantId)).toEqual(before);
  });

  it('answers an unknown tenant as not found', async () => {
    const { code, json } = await cli('tenant', 'update', '--tenant-id', '6d2b7a4e-3c1f-4a8e-9b0d-1f2e3a4b5c6d', '--name', 'Ghost');
    expect(code).toBe(1);
    expect(json.error.message).toBe('Tenant not found');
  });
});

describe('a taken email (product decision: emails are unique across tenants)', () => {
  it('is refused without telling that it exists in another tenant, by tenant create and user create', async () => {
    const taken = t.admin.actor.email;
    const tenant = await cli(
      'tenant', 'create', '--name', 'Other', '--portal-number', '+33155500001', '--sip-domain', 'pbx.other-cli.test',
      '--admin-email', taken, '--admin-password', 'secret-123',
    );
    const user = await cli('user', 'create', '--tenant-id', t.tenantId, '--email', taken.toUpperCase(), '--password', 'secret-456', '--role', 'subscriber');
    for (const { code, json } of [tenant, user]) {
      expect(code).toBe(1);
      expect(json.error.errors).toEqual([{ field: expect.stringMatching(/^(adminEmail|email)$/), message: 'This email address cannot be used.' }]);
      expect(JSON.stringify(json)).not.toMatch(/already|exists|another tenant/i);
    }
  });
});
