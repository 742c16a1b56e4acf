import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

async function scriptFile(content: unknown): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'call-script-')), 'script.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

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

describe('API-3 call simulate --script (issue 9 contract)', () => {
  it('runs several callers from a file and prints each call and each conference, in script order', async () => {
    const file = await scriptFile({
      at: '2026-03-02T10:00:00+01:00',
      calls: [
        { to: '*72', from: '201', fromDomain: tenant.sipDomain, dtmf: '4711#123456#', keys: [{ atMs: 60_000, keys: '*6' }, { atMs: 300_000, keys: '*0' }] },
        { to: tenant.portalNumber, from: '+33611111111', dtmf: '4711#123456#', joinAtMs: 5_000, keys: [{ atMs: 30_000, keys: '*2' }] },
        { to: tenant.portalNumber, from: '+33622222222', dtmf: '4711#123456#', joinAtMs: 120_000 },
      ],
    });
    const { code, json } = await cli('call', 'simulate', '--script', file);
    expect(code).toBe(0);
    const conferenceId = json.calls[0].conferenceId;
    expect(json.calls.map((c: Record<string, unknown>) => [c.decision, c.reason, c.conferenceId, c.role, c.muted])).toEqual([
      ['admitted', undefined, conferenceId, 'moderator', false],
      ['admitted', undefined, conferenceId, 'participant', true],
      ['refused', 'locked', conferenceId, undefined, undefined],
    ]);
    expect(json.calls[1].prompts).toEqual(['welcome', 'enter-room-number', 'enter-pin', 'join-tone', 'you-are-muted', 'conference-locked', 'conference-ended-by-moderator', 'goodbye']);
    expect(json.conferences).toEqual([{ id: conferenceId, locked: true, endedReason: 'ended-by-moderator' }]);
  });

  it('refuses a bad script with exit code 1, naming the field', async () => {
    const file = await scriptFile({ calls: [{ to: tenant.portalNumber, from: '+336', keys: [{ atMs: 1000, keys: 'mute' }] }] });
    const { code, json } = await cli('call', 'simulate', '--script', file);
    expect(code).toBe(1);
    expect(json.error.errors).toEqual([{ field: 'calls.0.keys.0.keys', message: expect.any(String) }]);
  });

  it('refuses a file that is not JSON, and --script mixed with the single-call options', async () => {
    const broken = await cli('call', 'simulate', '--script', await scriptFile('{ calls'));
    expect(broken.json.error.errors).toEqual([{ field: 'script', message: 'The script file is not valid JSON.' }]);
    const mixed = await cli('call', 'simulate', '--script', await scriptFile({ calls: [] }), '--to', tenant.portalNumber);
    expect(mixed.code).toBe(1);
    expect(mixed.json.error.errors[0].field).toBe('script');
  });
});
