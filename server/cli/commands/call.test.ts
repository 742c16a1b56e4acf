import { beforeAll, describe, expect, it } from 'vitest';
import { seedRoom, seedTenant } from '@/sip/testing/fixtures';
import { runCli } from '@/test/cli';
import { useTestDatabase } from '@/test/database';

const database = useTestDatabase();

const cli = (...args: string[]) => runCli(database.url(), args);

let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  tenant = await seedTenant();
  await seedRoom(tenant, { roomNumber: '4711', startsAt: new Date('2026-03-02T09:00:00Z'), pin: '123456' });
});

describe('API-3 call simulate', () => {
  it('prints one JSON object with the decision and the prompts heard', async () => {
    const { code, json } = await cli('call', 'simulate', '--to', tenant.portalNumber, '--from', '+33612345678', '--dtmf', '4711#999999#123456#', '--at', '2026-03-02T10:05:00+01:00');
    expect(code).toBe(0);
    expect(json).toMatchObject({
      decision: 'admitted',
      tenantId: tenant.tenantId,
      prompts: ['welcome', 'enter-room-number', 'enter-pin', 'invalid-pin', 'enter-pin', 'music'],
    });
    expect(Object.keys(json).sort()).toEqual(['conferenceId', 'decision', 'prompts', 'roomId', 'tenantId']);
  });

  it('tells the operator why a caller was refused', async () => {
    const { json } = await cli('call', 'simulate', '--to', tenant.portalNumber, '--from', '+33612345678', '--dtmf', '4711#', '--at', '2026-03-02T08:00:00Z');
    expect(json).toMatchObject({ decision: 'refused', reason: 'not-open' });
  });

  it('reports ad-hoc dial-out results from repeated --answer options', async () => {
    const { json } = await cli(
      'call', 'simulate', '--to', '*71*0123456789*0234567890*0612345678', '--from', '201', '--from-domain', tenant.sipDomain,
      '--answer', '0123456789=busy', '--answer', '0234567890=no-answer', '--at', '2026-03-02T10:00:00+01:00',
    );
    expect(json.dialOut).toEqual([
      { number: '0123456789', result: 'busy' },
      { number: '0234567890', result: 'no-answer' },
      { number: '0612345678', result: 'refused-policy' },
    ]);
  });

  it('refuses a bad option with exit code 1, naming it', async () => {
    const { code, json } = await cli('call', 'simulate', '--to', tenant.portalNumber, '--from', '+336', '--answer', '0123=maybe');
    expect(code).toBe(1);
    expect(json.error.errors).toEqual([{ field: 'answer.0', message: expect.any(String) }]);
  });
});
