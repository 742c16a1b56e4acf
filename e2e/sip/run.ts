/**
 * `npm run test:sip`: SIPp calls against a running drachtio-server + FreeSWITCH + sip process
 * (e.g. after `docker compose up`), checked in the database the sip process writes to.
 *
 *   SIP_TEST_TARGET   drachtio-server's SIP address, host:port (default DRACHTIO_HOST:5060)
 *   DATABASE_URL      the database of the running sip process (rows are seeded there)
 *   SIP_TEST_LOCAL_IP address SIPp binds and puts in SDP (default 127.0.0.1)
 *   SIP_TEST_CALLEE_PORT port of the SIPp callee the *71* test dials (default 5090)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { closeDb, db } from '@/server/db/client';
import { conferences, participants, pinAttempts, tenants } from '@/server/db/schema';
import { seedRoom, seedTenant } from '@/sip/testing/fixtures';
import { calleeScenario, callerScenario, type CallerScenario } from './scenarios';

const target = process.env.SIP_TEST_TARGET ?? (process.env.DRACHTIO_HOST ? `${process.env.DRACHTIO_HOST}:5060` : undefined);
const localIp = process.env.SIP_TEST_LOCAL_IP ?? '127.0.0.1';
const calleePort = Number(process.env.SIP_TEST_CALLEE_PORT ?? 5090);
const MIN = 60_000;

interface Case {
  name: string;
  dialled: string;
  scenario: CallerScenario;
  withCallee?: boolean;
  check: () => Promise<string | null>;
}

function sipp(scenarioFile: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('sipp', ['-sf', scenarioFile, '-i', localIp, '-mi', localIp, '-m', '1', '-timeout', '120s', '-timeout_error', '-nostdin', ...args]);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (err) => resolve({ code: 1, output: String(err) }));
  });
}

async function main(): Promise<number> {
  if (!target || !process.env.DATABASE_URL) {
    console.log(
      'test:sip skipped: set SIP_TEST_TARGET (drachtio-server SIP address, host:port) and DATABASE_URL (the database of the running sip process).\n' +
        'See docs/telephony.md, "Testing with SIPp".',
    );
    return 0;
  }
  const now = Date.now();
  const tenant = await seedTenant({ outboundRoute: `${localIp}:${calleePort}` });
  const strict = await seedTenant({ rejectAnonymous: true });
  const open = await seedRoom(tenant, { roomNumber: '4711', startsAt: new Date(now - MIN), durationMinutes: 60, pin: '123456' });
  const wrong = await seedRoom(tenant, { roomNumber: '4712', startsAt: new Date(now - MIN), durationMinutes: 60, pin: '2468' });
  const ended = await seedRoom(tenant, { roomNumber: '4713', startsAt: new Date(now - 3 * 60 * MIN), durationMinutes: 60, pin: '1357' });
  await seedRoom(strict, { roomNumber: '4711', startsAt: new Date(now - MIN), pin: '123456' });

  const legsOfRoom = async (roomId: string) =>
    db()
      .select({ callerNumber: participants.callerNumber })
      .from(participants)
      .innerJoin(conferences, eq(conferences.id, participants.conferenceId))
      .where(eq(conferences.roomId, roomId));
  const room = [{ afterMs: 8_000, digits: '4711#' }, { afterMs: 5_000, digits: '123456#' }];

  const cases: Case[] = [
    {
      name: 'portal, right PIN: admitted and recorded (D-1, D-3, H-1)',
      dialled: tenant.portalNumber,
      scenario: { fromUser: '+33611110001', fromHost: 'carrier.example.com', keys: room, end: { kind: 'caller-bye', stayMs: 5_000 } },
      check: async () => ((await legsOfRoom(open.id)).some((l) => l.callerNumber === '+33611110001') ? null : 'no participant row'),
    },
    {
      name: 'portal, wrong PIN three times: goodbye and hang-up, attempts stored (D-3, D-5)',
      dialled: tenant.portalNumber,
      scenario: {
        fromUser: '+33611110002',
        fromHost: 'carrier.example.com',
        keys: [{ afterMs: 8_000, digits: '4712#' }, { afterMs: 5_000, digits: '1111#' }, { afterMs: 4_000, digits: '2222#' }, { afterMs: 4_000, digits: '3333#' }],
        end: { kind: 'server-bye' },
      },
      check: async () => {
        const attempts = await db().select().from(pinAttempts).where(eq(pinAttempts.roomId, wrong.id));
        return attempts.length === 3 ? null : `${attempts.length} wrong PINs stored, expected 3`;
      },
    },
    {
      name: 'portal, outside the window: refused after the prompt (D-4)',
      dialled: tenant.portalNumber,
      scenario: { fromUser: '+33611110003', fromHost: 'carrier.example.com', keys: [{ afterMs: 8_000, digits: '4713#' }], end: { kind: 'server-bye' } },
      check: async () => ((await legsOfRoom(ended.id)).length === 0 ? null : 'a caller entered an ended room'),
    },
    {
      name: '*72 from an extension: the same portal (D-1)',
      dialled: '*72',
      scenario: { fromUser: '23456', fromHost: tenant.sipDomain, keys: room, end: { kind: 'caller-bye', stayMs: 5_000 } },
      check: async () => ((await legsOfRoom(open.id)).some((l) => l.callerNumber === '23456') ? null : 'no participant row for 23456'),
    },
    {
      name: '*71* ad-hoc: the callee is dialled through the outbound route and joins (A-1, A-2)',
      dialled: '*71*0123456789',
      withCallee: true,
      scenario: { fromUser: '201', fromHost: tenant.sipDomain, end: { kind: 'caller-bye', stayMs: 15_000 } },
      check: async () => {
        const legs = await db()
          .select({ callerNumber: participants.callerNumber })
          .from(participants)
          .innerJoin(conferences, eq(conferences.id, participants.conferenceId))
          .where(and(eq(conferences.tenantId, tenant.tenantId), eq(conferences.kind, 'adhoc')));
        const numbers = legs.map((l) => l.callerNumber).sort();
        return JSON.stringify(numbers) === JSON.stringify(['0123456789', '201']) ? null : `ad-hoc legs ${JSON.stringify(numbers)}`;
      },
    },
    {
      name: 'anonymous caller of a tenant that rejects them: 403 (D-2)',
      dialled: strict.portalNumber,
      scenario: { fromUser: 'anonymous', fromHost: 'anonymous.invalid', headers: ['Privacy: id'], end: { kind: 'refused', status: 403 } },
      check: async () => null,
    },
  ];

  const dir = await mkdtemp(path.join(os.tmpdir(), 'sipp-'));
  await writeFile(path.join(dir, 'callee.xml'), calleeScenario());
  let failures = 0;
  for (const [i, c] of cases.entries()) {
    const file = path.join(dir, `case-${i}.xml`);
    await writeFile(file, callerScenario(c.scenario));
    // Distinct SIP and media ports: caller and callee run side by side on this host.
    const callee = c.withCallee ? sipp(path.join(dir, 'callee.xml'), ['-p', String(calleePort), '-mp', '18000']) : null;
    const caller = await sipp(file, [target, '-s', c.dialled, '-p', String(5070 + i), '-mp', String(16000 + 10 * i)]);
    const calleeResult = callee ? await callee : { code: 0, output: '' };
    const problem =
      caller.code !== 0 ? `sipp caller exited ${caller.code}` : calleeResult.code !== 0 ? `sipp callee exited ${calleeResult.code}` : await c.check();
    console.log(`${problem ? 'FAIL' : 'ok  '} ${c.name}${problem ? `\n     ${problem}` : ''}`);
    if (problem && caller.code !== 0) console.log(caller.output.split('\n').slice(-15).join('\n'));
    if (problem) failures++;
  }
  await db().delete(tenants).where(eq(tenants.id, strict.tenantId));
  await db().delete(tenants).where(eq(tenants.id, tenant.tenantId));
  console.log(`\n${cases.length - failures}/${cases.length} SIPp scenarios passed`);
  return failures === 0 ? 0 : 1;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (err) => {
    console.error(err);
    await closeDb();
    process.exit(1);
  });
