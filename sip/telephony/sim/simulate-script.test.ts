import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { conferences } from '@/server/db/schema';
import { ValidationError } from '@/server/lib/errors';
import { useTestDatabase } from '@/test/database';
import { conferenceRecords, seedRoom, seedTenant } from '../../testing/fixtures';
import { simulateScript, simulateScriptFile } from './simulate-script';

useTestDatabase();

const MIN = 60_000;
let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  tenant = await seedTenant();
  await seedRoom(tenant, { roomNumber: '4711', startsAt: new Date('2026-03-02T09:00:00Z'), pin: '123456', moderatorPin: '999999', durationMinutes: 60 });
});

const at = '2026-03-02T10:00:00+01:00';
const caller = (from: string, more: object) => ({ to: tenant.portalNumber, from, dtmf: '4711#123456#', ...more });

describe('call simulate --script (issue 9 contract)', () => {
  it('runs a ten-minute conference of four callers on virtual time and reports what each heard and how it ended', async () => {
    const result = await simulateScript(
      {
        at,
        calls: [
          { to: '*72', from: '201', fromDomain: tenant.sipDomain, dtmf: '4711#123456#', keys: [{ atMs: MIN, keys: '*6' }, { atMs: 9 * MIN, keys: '*0' }] },
          caller('+33611111111', { joinAtMs: 10_000, keys: [{ atMs: 2 * MIN, keys: '*2' }] }),
          caller('+33622222222', { joinAtMs: 3 * MIN }),
          caller('+33633333333', { joinAtMs: 20_000, keys: [{ atMs: 5 * MIN, keys: '*9999999#' }], hangupAtMs: 8 * MIN }),
        ],
      },
      new Date(),
    );

    const [organizer, muted, late, promoted] = result.calls;
    const conferenceId = organizer.conferenceId!;
    expect(organizer).toMatchObject({ decision: 'admitted', role: 'moderator', muted: false });
    expect(organizer.prompts.slice(0, 4)).toEqual(['welcome', 'enter-room-number', 'enter-pin', 'music']);
    expect(organizer.prompts).toContain('conference-locked');
    expect(organizer.prompts.slice(-2)).toEqual(['conference-ended-by-moderator', 'goodbye']);
    expect(muted).toMatchObject({ decision: 'admitted', conferenceId, role: 'participant', muted: true });
    expect(muted.prompts).toContain('you-are-muted');
    expect(late).toEqual({ decision: 'refused', reason: 'locked', conferenceId, prompts: ['welcome', 'enter-room-number', 'enter-pin', 'room-locked', 'goodbye'] });
    expect(promoted).toMatchObject({ decision: 'admitted', conferenceId, role: 'moderator', muted: false });
    expect(promoted.prompts).toEqual(expect.arrayContaining(['enter-moderator-pin', 'you-are-moderator']));
    expect(result.conferences).toEqual([{ id: conferenceId, locked: true, endedReason: 'ended-by-moderator' }]);

    const { conference } = await conferenceRecords(conferenceId);
    expect(conference.endedAt).toEqual(new Date(Date.parse(at) + 9 * MIN + 300));
  });

  it("keeps callers without hangupAtMs until a minute after the script's last event, and reports how the conference ended", async () => {
    const calls = [caller('+33611111111', {}), caller('+33622222222', { joinAtMs: 1000 }), caller('+33633333333', { joinAtMs: 2000, hangupAtMs: 2 * MIN })];
    const result = await simulateScript({ at, calls }, new Date());
    const { legs, conference } = await conferenceRecords(result.calls[0].conferenceId!);
    expect(legs.map((l) => l.leftAt!.getTime() - Date.parse(at))).toEqual([3 * MIN, 3 * MIN, 2 * MIN]);
    expect(result.conferences).toEqual([{ id: conference.id, locked: false, endedReason: 'empty' }]);
  });

  it.each([
    [{ calls: [] }, 'calls'],
    [{}, 'calls'],
    [{ at: 'tomorrow', calls: [{ to: '+33100000000', from: '+33611111111' }] }, 'at'],
    [{ calls: [{ from: '+33611111111' }] }, 'calls.0.to'],
    [{ calls: [{ to: '+33100000000', from: '+33611111111', dtmf: '12a#' }] }, 'calls.0.dtmf'],
    [{ calls: [{ to: '+33100000000', from: '+33611111111', joinAtMs: -5 }] }, 'calls.0.joinAtMs'],
    [{ calls: [{ to: '+33100000000', from: '+33611111111', keys: [{ atMs: 1000, keys: '*x' }] }] }, 'calls.0.keys.0.keys'],
    [{ calls: [{ to: '+33100000000', from: '+33611111111', keys: [{ keys: '*2' }] }] }, 'calls.0.keys.0.atMs'],
    [{ calls: [{ to: '+33100000000', from: '+33611111111', joinAtMs: 5000, hangupAtMs: 4000 }] }, 'calls.0.hangupAtMs'],
    [{ calls: [{ to: '+33100000000', from: '+33611111111', hangup: 4000 }] }, 'calls.0.hangup'],
    ['not an object', 'body'],
  ])('refuses a bad script naming the field, and runs nothing (Q-5): %j', async (script, field) => {
    const before = await db().$count(conferences);
    const attempt = simulateScript(script, new Date());
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ field })]) });
    expect(await db().$count(conferences)).toBe(before);
  });

  it('refuses a file that cannot be read or is not JSON, naming the script', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'script-'));
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{ "calls": [');
    await expect(simulateScriptFile(broken, new Date())).rejects.toMatchObject({ issues: [{ field: 'script', code: 'script.json' }] });
    await expect(simulateScriptFile(path.join(dir, 'missing.json'), new Date())).rejects.toMatchObject({ issues: [{ field: 'script', code: 'script.unreadable' }] });
  });
});
