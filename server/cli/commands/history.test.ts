import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeConference, openConference, recordJoin, recordLeave } from '@/server/conferences/records';
import { runCli } from '@/test/cli';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';

const database = useTestDatabase();
const cli = (...args: string[]) => runCli(database.url(), args);
const exec = promisify(execFile);

let acme: SeededTenant;
let other: SeededTenant;

/** A closed conference of the tenant's first room, legs of the given seconds. */
async function held(t: SeededTenant, startedAt: string, seconds: number[]) {
  const start = new Date(startedAt);
  const id = await openConference({ tenantId: t.tenantId, kind: 'room', roomId: t.roomIds[0], roomNumber: '6320', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-1', mediaName: `m-${Math.random()}`, startedAt: start });
  for (const [i, s] of seconds.entries()) {
    const leg = await recordJoin({ tenantId: t.tenantId, conferenceId: id, callId: `${id}-${i}`, callerNumber: `+3361000000${i}`, callerName: 'Hélène', role: 'participant', direction: 'inbound', joinedAt: start });
    await recordLeave(leg, new Date(start.getTime() + s * 1000), 'hangup');
  }
  await closeConference(id, new Date(start.getTime() + Math.max(...seconds) * 1000), 'empty');
  return id;
}

beforeAll(async () => {
  acme = await seedTenant('Acme', { roomNumbers: ['6320', '6321'] });
  other = await seedTenant('Other', { roomNumbers: ['6322', '6323'] });
  await held(acme, '2026-06-02T08:00:00Z', [61, 600]);
  await held(acme, '2026-06-30T21:59:00Z', [120]);
  // 1 July 00:30 in Paris: July, not June.
  await held(acme, '2026-06-30T22:30:00Z', [60]);
  await held(other, '2026-06-10T08:00:00Z', [3600, 59]);
});

describe('API-3 history and usage commands', () => {
  it("history month --json prints a tenant's month with the participant-minutes of the API", async () => {
    const { code, json } = await cli('history', 'month', '--tenant-id', acme.tenantId, '--month', '2026-06');
    expect(code).toBe(0);
    expect(json.items).toHaveLength(2);
    expect(json.totals).toEqual({ conferences: 2, participantMinutes: 2 + 10 + 2 });
  });

  it('history month --csv writes the export, one row per leg', async () => {
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'history', 'month', '--tenant-id', acme.tenantId, '--month', '2026-06', '--csv'], {
      env: { ...process.env, DATABASE_URL: database.url(), LOG_LEVEL: 'silent' },
    });
    expect(stdout.startsWith('\ufeff')).toBe(true);
    const rows: Record<string, string>[] = parse(stdout, { bom: true, columns: true });
    expect(rows.map((r) => Number(r.participant_minutes)).sort()).toEqual([10, 2, 2].sort());
    expect(rows.every((r) => r.caller_name === 'Hélène')).toBe(true);
  });

  it('refuses a bad month naming it, and an unknown tenant', async () => {
    const bad = await cli('history', 'month', '--tenant-id', acme.tenantId, '--month', '2026-6');
    expect(bad.code).toBe(1);
    expect(bad.json.error.errors).toEqual([{ field: 'month', message: expect.any(String) }]);
    expect((await cli('history', 'month', '--tenant-id', 'nope', '--month', '2026-06')).code).toBe(1);
  });

  it('usage --json gives what to bill per tenant and in total', async () => {
    const { code, json } = await cli('usage', '--month', '2026-06');
    expect(code).toBe(0);
    const byId = Object.fromEntries(json.tenants.map((t: { tenantId: string }) => [t.tenantId, t]));
    expect(byId[acme.tenantId]).toMatchObject({ name: 'Tenant Acme', conferences: 2, participantMinutes: 14 });
    expect(byId[other.tenantId]).toMatchObject({ conferences: 1, participantMinutes: 61 });
    expect(json.total).toEqual({ conferences: 3, participantMinutes: 75 });
  });
});
