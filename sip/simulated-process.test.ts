import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { conferences } from '@/server/db/schema';
import { requestCommand } from '@/server/live/commands';
import { eventsSince } from '@/server/live/events';
import { runCli } from '@/test/cli';
import { useTestDatabase } from '@/test/database';
import { seedRoom, seedTenant } from './testing/fixtures';

const exec = promisify(execFile);
const database = useTestDatabase();
const by = { kind: 'api' as const, id: 'token-1' };
let tenant: Awaited<ReturnType<typeof seedTenant>>;
const children: ChildProcess[] = [];

/** `npm run sip` with SIP_ENGINE=simulated, as `npm start` runs it; resolves once it takes calls. */
async function simulatedSip(instance: string): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sip/main.ts'], {
    env: { ...process.env, DATABASE_URL: database.url(), SIP_ENGINE: 'simulated', SIP_INSTANCE_ID: instance, LOG_LEVEL: 'info', PROCESS_NAME: 'sip' },
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${instance} did not start: ${output}`)), 60_000);
    child.stdout!.on('data', () => output.includes('taking simulated calls') && (clearTimeout(timer), resolve()));
  });
  return { child, output: () => output, exited };
}

const cli = (...args: string[]) => runCli(database.url(), ['call', ...args]);

async function untilEvent(conferenceId: string, kind: string, test: (payload: Record<string, unknown>) => boolean = () => true) {
  for (let i = 0; i < 100; i++) {
    const found = (await eventsSince({ tenantId: tenant.tenantId, conferenceId, afterId: 0, limit: 1000 })).find((e) => e.kind === kind && test(e.payload as Record<string, unknown>));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${kind} event`);
}

beforeAll(async () => {
  tenant = await seedTenant();
  for (const roomNumber of ['6111', '6112']) await seedRoom(tenant, { roomNumber, startsAt: new Date(Date.now() - 5 * 60_000), pin: '123456' });
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('two sip processes on the simulated engine, two web processes, driven by the CLI and by commands (issue 10)', () => {
  it('without a simulated sip process, call place says so', async () => {
    const answer = await cli('place', '--to', tenant.portalNumber, '--from', '+33611110100', '--dtmf', '6111#123456#');
    expect(answer.code).toBe(1);
    expect(answer.json.error.message).toMatch(/SIP_ENGINE=simulated/);
  });

  it('refuses bad options naming them, before anything is sent', async () => {
    const bad = await cli('place', '--to', tenant.portalNumber, '--from', '+33611110100', '--dtmf', '61x1');
    expect(bad.code).toBe(1);
    expect(bad.json.error.errors.map((e: { field: string }) => e.field)).toEqual(['dtmf']);
    expect((await cli('keys', '--call-id', 'nope', '--keys', '*2')).json.error.errors[0].field).toBe('callId');
    expect((await cli('talk', '--call-id', 'sim-00000000-0000-4000-8000-000000000000', '--on', '--off')).json.error.errors[0].field).toBe('on');
  });

  it('routes each command to the process that runs the conference; a killed process fails at once; SIGTERM ends cleanly', async () => {
    const a = await simulatedSip('e2e-a');
    const b = await simulatedSip('e2e-b');
    expect(a.output()).toMatch(/SIP_ENGINE=simulated: running on the simulated telephony engine/);

    const place = (from: string, room: string, instance: string) =>
      cli('place', '--to', tenant.portalNumber, '--from', from, '--dtmf', `${room}#123456#`, '--sip-instance', instance);
    const onA = await place('+33611110101', '6111', 'e2e-a');
    expect(onA.code).toBe(0);
    expect(onA.json).toMatchObject({ decision: 'admitted', callId: expect.any(String), conferenceId: expect.any(String), participantId: expect.any(String) });
    const onB = await place('+33611110102', '6112', 'e2e-b');
    const secondOnB = await place('+33611110103', '6112', 'e2e-b');
    expect(secondOnB.json.conferenceId).toBe(onB.json.conferenceId);
    const rows = await db().select({ id: conferences.id, sipInstance: conferences.sipInstance, simulated: conferences.simulated }).from(conferences);
    expect(rows.find((r) => r.id === onA.json.conferenceId)).toMatchObject({ sipInstance: 'e2e-a', simulated: true });
    expect(rows.find((r) => r.id === onB.json.conferenceId)).toMatchObject({ sipInstance: 'e2e-b', simulated: true });

    // A web mute reaches process B, and the caller hears the muted prompt there.
    const mute = await requestCommand(
      { tenantId: tenant.tenantId, conferenceId: onB.json.conferenceId, action: 'mute', participantId: secondOnB.json.participantId, by },
      { now: new Date() },
    );
    expect(mute).toEqual({ result: 'ok' });
    const heard = await cli('heard', '--call-id', secondOnB.json.callId);
    expect(heard.json).toMatchObject({ state: 'conference', prompts: expect.arrayContaining(['you-are-muted']) });

    // Two web processes at once, each with its own connections, to both sip processes.
    const fromWeb = async (request: object) => {
      const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'test/request-command.ts', JSON.stringify(request)], {
        env: { ...process.env, DATABASE_URL: database.url(), LOG_LEVEL: 'silent' },
      });
      return JSON.parse(stdout);
    };
    const answers = await Promise.all([
      fromWeb({ tenantId: tenant.tenantId, conferenceId: onA.json.conferenceId, action: 'mute', participantId: onA.json.participantId, by }),
      fromWeb({ tenantId: tenant.tenantId, conferenceId: onB.json.conferenceId, action: 'unmute', participantId: secondOnB.json.participantId, by }),
    ]);
    expect(answers).toEqual([{ result: 'ok' }, { result: 'ok' }]);
    expect((await cli('heard', '--call-id', onA.json.callId)).json.prompts).toContain('you-are-muted');
    expect((await cli('heard', '--call-id', secondOnB.json.callId)).json.prompts).toContain('you-are-unmuted');
    await requestCommand({ tenantId: tenant.tenantId, conferenceId: onA.json.conferenceId, action: 'unmute', participantId: onA.json.participantId, by }, { now: new Date() });

    // Keys and voice from the CLI show as events.
    expect((await cli('keys', '--call-id', onB.json.callId, '--keys', '*8')).code).toBe(0);
    await untilEvent(onB.json.conferenceId, 'participant-updated', (p) => (p.participant as { handRaised: boolean }).handRaised === true);
    expect((await cli('talk', '--call-id', onA.json.callId, '--on')).json).toMatchObject({ talking: true });
    await untilEvent(onA.json.conferenceId, 'participant-updated', (p) => (p.participant as { talking: boolean }).talking === true);

    // Hang-up from the CLI.
    expect((await cli('hangup', '--call-id', secondOnB.json.callId)).code).toBe(0);
    await untilEvent(onB.json.conferenceId, 'participant-left', (p) => (p.participant as { id: string }).id === secondOnB.json.participantId);

    // A killed process drops its lock with its connection: commands to it fail at once, never hang.
    a.child.kill('SIGKILL');
    await a.exited;
    await expect(
      requestCommand({ tenantId: tenant.tenantId, conferenceId: onA.json.conferenceId, action: 'lock', by }, { now: new Date(), timeoutMs: 600_000 }),
    ).rejects.toMatchObject({ reason: 'gone', status: 503 });

    // SIGTERM: its conferences end, recorded, and it exits cleanly.
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    const [ended] = await db().select().from(conferences).where(eq(conferences.id, onB.json.conferenceId));
    expect(ended.endReason).toBe('shutdown');
  }, 120_000);
});
