/**
 * `npm run test:sip`: SIPp calls against a running drachtio-server + FreeSWITCH + sip process
 * (e.g. after `docker compose up`), checked in the database the sip process writes to.
 *
 *   SIP_TEST_TARGET   drachtio-server's SIP address, host:port (default DRACHTIO_HOST:5060)
 *   DATABASE_URL      the database of the running sip process (rows are seeded there)
 *   SIP_TEST_LOCAL_IP address SIPp binds and puts in SDP (default 127.0.0.1)
 *   SIP_TEST_CALLEE_PORT port of the SIPp callee the *71* test dials (default 5090)
 *   SIP_TEST_ONLY     run only the cases whose name contains this text
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { closeDb, db } from '@/server/db/client';
import { conferences, participants, rooms, tenants } from '@/server/db/schema';
import { seedRoom, seedTenant } from '@/sip/testing/fixtures';
import * as records from './checks';
import { calleeScenario, callerScenario, type CallerScenario } from './scenarios';

const target = process.env.SIP_TEST_TARGET ?? (process.env.DRACHTIO_HOST ? `${process.env.DRACHTIO_HOST}:5060` : undefined);
const localIp = process.env.SIP_TEST_LOCAL_IP ?? '127.0.0.1';
const calleePort = Number(process.env.SIP_TEST_CALLEE_PORT ?? 5090);
const only = process.env.SIP_TEST_ONLY;
const MIN = 60_000;
/**
 * SIPp's own ports on SIP_TEST_LOCAL_IP. The bridge's servers listen on the same address when the
 * test runs on their host: drachtio-server on 5060 and FreeSWITCH's drachtio_mrf profile on 5080
 * (docker/freeswitch/sip_profiles/mrf.xml), FreeSWITCH's RTP on 16384-32768. A SIPp that cannot
 * bind its port exits 254 before placing its call ("Unable to bind main socket"), so callers take
 * SIP ports from 5100 on and media ports from 10000 on, below FreeSWITCH's RTP range.
 */
const callerSipPort = (n: number) => 5100 + n;
const callerMediaPort = (n: number) => 10_000 + 10 * n;
const CALLEE_MEDIA_PORT = 9_000;

interface Call {
  dialled: string;
  scenario: CallerScenario;
  /** Started this long after the case's first call. */
  startAfterMs?: number;
}

interface Case {
  name: string;
  calls: Call[];
  withCallee?: boolean;
  check: () => Promise<string | null>;
}

function sipp(scenarioFile: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('sipp', ['-sf', scenarioFile, '-i', localIp, '-mi', localIp, '-m', '1', '-timeout', '150s', '-timeout_error', '-nostdin', ...args]);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (err) => resolve({ code: 1, output: String(err) }));
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Portal keys: the room number after the welcome and its prompt, the PIN after its prompt. */
const portal = (roomNumber: string, pin: string) => [
  { afterMs: 8_000, digits: `${roomNumber}#` },
  { afterMs: 5_000, digits: `${pin}#` },
];
const caller = (fromUser: string, keys: CallerScenario['keys'], end: CallerScenario['end']): CallerScenario => ({
  fromUser,
  fromHost: 'carrier.example.com',
  keys,
  end,
});

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
  const room = async (roomNumber: string, pins: { pin: string; moderatorPin?: string }, options: Partial<typeof rooms.$inferInsert> = {}) => {
    const row = await seedRoom(tenant, { roomNumber, startsAt: new Date(now - MIN), durationMinutes: 60, ...pins });
    if (Object.keys(options).length > 0) await db().update(rooms).set(options).where(eq(rooms.id, row.id));
    return row.id;
  };
  const open = await room('4711', { pin: '123456' });
  const wrong = await room('4712', { pin: '2468' });
  const ended = (await seedRoom(tenant, { roomNumber: '4713', startsAt: new Date(now - 3 * 60 * MIN), durationMinutes: 60, pin: '1357' })).id;
  await seedRoom(strict, { roomNumber: '4711', startsAt: new Date(now - MIN), pin: '123456' });
  const moderated = await room('4714', { pin: '1111', moderatorPin: '9999' });
  const keypad = await room('4715', { pin: '1357' });
  const lockable = await room('4716', { pin: '1357', moderatorPin: '8642' });
  const endable = await room('4717', { pin: '1357', moderatorPin: '8642' });
  const waiting = await room('4718', { pin: '1357', moderatorPin: '8642' }, { waitForModerator: true });
  const muted = await room('4719', { pin: '1357', moderatorPin: '8642' }, { enterMuted: true });
  const reentered = await room('4720', { pin: '1357' });
  const recorded = await room('4721', { pin: '1357' }, { recordFromStart: true });

  const cases: Case[] = [
    {
      name: 'portal, right PIN: admitted and recorded (D-1, D-3, H-1)',
      calls: [{ dialled: tenant.portalNumber, scenario: caller('+33611110001', portal('4711', '123456'), { kind: 'caller-bye', stayMs: 5_000 }) }],
      check: () => records.joined(open, '+33611110001'),
    },
    {
      name: 'portal, wrong PIN three times: goodbye and hang-up, attempts stored (D-3, D-5)',
      calls: [
        {
          dialled: tenant.portalNumber,
          scenario: caller(
            '+33611110002',
            [{ afterMs: 8_000, digits: '4712#' }, { afterMs: 5_000, digits: '1111#' }, { afterMs: 4_000, digits: '2222#' }, { afterMs: 4_000, digits: '3333#' }],
            { kind: 'server-bye' },
          ),
        },
      ],
      check: () => records.wrongPinsStored(wrong, 3),
    },
    {
      name: 'portal, outside the window: refused after the prompt (D-4)',
      calls: [{ dialled: tenant.portalNumber, scenario: caller('+33611110003', [{ afterMs: 8_000, digits: '4713#' }], { kind: 'server-bye' }) }],
      check: () => records.nobodyJoined(ended),
    },
    {
      name: '*72 from an extension: the same portal (D-1)',
      calls: [{ dialled: '*72', scenario: { ...caller('23456', portal('4711', '123456'), { kind: 'caller-bye', stayMs: 5_000 }), fromHost: tenant.sipDomain } }],
      check: () => records.joined(open, '23456'),
    },
    {
      name: '*71* ad-hoc: the callee is dialled through the outbound route and joins (A-1, A-2)',
      withCallee: true,
      calls: [{ dialled: '*71*0123456789', scenario: { ...caller('201', [], { kind: 'caller-bye', stayMs: 15_000 }), fromHost: tenant.sipDomain } }],
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
      calls: [{ dialled: strict.portalNumber, scenario: { ...caller('anonymous', [], { kind: 'refused', status: 403 }), fromHost: 'anonymous.invalid', headers: ['Privacy: id'] } }],
      check: async () => null,
    },
    {
      name: 'moderator PIN at the PIN prompt: joins as moderator (C-8)',
      calls: [{ dialled: tenant.portalNumber, scenario: caller('+33611110010', portal('4714', '9999'), { kind: 'caller-bye', stayMs: 5_000 }) }],
      check: () => records.joinedAs(moderated, '+33611110010', 'moderator'),
    },
    {
      name: '*2 mutes the caller (C-4)',
      calls: [
        {
          dialled: tenant.portalNumber,
          scenario: caller('+33611110011', [...portal('4715', '1357'), { afterMs: 4_000, digits: '*2' }], { kind: 'caller-bye', stayMs: 4_000 }),
        },
      ],
      check: () => records.mutedState(keypad, '+33611110011', true),
    },
    {
      name: '*6 locks the conference; the next caller is refused with the locked prompt (C-5, C-6, D-4)',
      calls: [
        {
          dialled: tenant.portalNumber,
          scenario: caller('+33611110012', [...portal('4716', '8642'), { afterMs: 4_000, digits: '*6' }], { kind: 'caller-bye', stayMs: 25_000 }),
        },
        { dialled: tenant.portalNumber, startAfterMs: 22_000, scenario: caller('+33611110013', portal('4716', '1357'), { kind: 'server-bye' }) },
      ],
      check: () => records.lockedAgainst(lockable, '+33611110012', '+33611110013'),
    },
    {
      name: '*0 ends the conference for everyone (C-5)',
      calls: [
        { dialled: tenant.portalNumber, scenario: caller('+33611110015', portal('4717', '1357'), { kind: 'server-bye' }) },
        { dialled: tenant.portalNumber, startAfterMs: 2_000, scenario: caller('+33611110014', [...portal('4717', '8642'), { afterMs: 10_000, digits: '*0' }], { kind: 'server-bye' }) },
      ],
      check: () => records.endedByModerator(endable, ['+33611110014', '+33611110015']),
    },
    {
      name: 'wait for a moderator: the participant waits, the moderator joins the same conference (C-7)',
      calls: [
        { dialled: tenant.portalNumber, scenario: caller('+33611110016', portal('4718', '1357'), { kind: 'caller-bye', stayMs: 15_000 }) },
        { dialled: tenant.portalNumber, startAfterMs: 6_000, scenario: caller('+33611110017', portal('4718', '8642'), { kind: 'caller-bye', stayMs: 12_000 }) },
      ],
      check: () => records.waitedForModerator(waiting, '+33611110016', '+33611110017'),
    },
    {
      name: 'enter muted: a participant joins muted (C-7)',
      calls: [{ dialled: tenant.portalNumber, scenario: caller('+33611110018', portal('4719', '1357'), { kind: 'caller-bye', stayMs: 12_000 }) }],
      check: () => records.mutedState(muted, '+33611110018', true),
    },
    {
      name: 'a conference that ends is re-entered at once: a new run admits the caller (9.1.2)',
      calls: [
        { dialled: tenant.portalNumber, scenario: caller('+33611110020', portal('4720', '1357'), { kind: 'caller-bye', stayMs: 3_000 }) },
        // Its PIN lands about 300 ms after the first caller's BYE has emptied the conference.
        { dialled: tenant.portalNumber, startAfterMs: 3_300, scenario: caller('+33611110021', portal('4720', '1357'), { kind: 'caller-bye', stayMs: 3_000 }) },
      ],
      check: () => records.reEntered(reentered, '+33611110020', '+33611110021'),
    },
    {
      name: 'record from start: recording runs while both callers are in, and stops when one is left (REC-1, C-7)',
      calls: [
        { dialled: tenant.portalNumber, scenario: caller('+33611110022', portal('4721', '1357'), { kind: 'caller-bye', stayMs: 20_000 }) },
        // Joins about 2 s after the first and leaves about 8 s before it: roughly 10 s recorded.
        { dialled: tenant.portalNumber, startAfterMs: 2_000, scenario: caller('+33611110023', portal('4721', '1357'), { kind: 'caller-bye', stayMs: 10_000 }) },
      ],
      check: () => records.recordedTogether(recorded, 5),
    },
  ].filter((c) => !only || c.name.includes(only));

  const dir = await mkdtemp(path.join(os.tmpdir(), 'sipp-'));
  await writeFile(path.join(dir, 'callee.xml'), calleeScenario());
  let failures = 0;
  let port = 0;
  for (const [i, c] of cases.entries()) {
    // Distinct SIP and media ports: callers and callee run side by side on this host.
    const runs = c.calls.map(async (call, j) => {
      const n = port++;
      const { xml, captures } = callerScenario(call.scenario, (entry) => path.join(dir, `case-${i}-call-${j}-keys-${entry}.pcap`), 0x5150_0000 + n);
      const file = path.join(dir, `case-${i}-call-${j}.xml`);
      await writeFile(file, xml);
      for (const [capture, content] of captures) await writeFile(capture, content);
      await wait(call.startAfterMs ?? 0);
      return sipp(file, [target, '-s', call.dialled, '-p', String(callerSipPort(n)), '-mp', String(callerMediaPort(n))]);
    });
    const callee = c.withCallee ? sipp(path.join(dir, 'callee.xml'), ['-p', String(calleePort), '-mp', String(CALLEE_MEDIA_PORT)]) : null;
    const results = await Promise.all(runs);
    const calleeResult = callee ? await callee : { code: 0, output: '' };
    const failed = results.findIndex((r) => r.code !== 0);
    const problem =
      failed >= 0 ? `sipp call ${failed + 1} exited ${results[failed].code}` : calleeResult.code !== 0 ? `sipp callee exited ${calleeResult.code}` : await c.check();
    console.log(`${problem ? 'FAIL' : 'ok  '} ${c.name}${problem ? `\n     ${problem}` : ''}`);
    if (failed >= 0) console.log(results[failed].output.split('\n').slice(-15).join('\n'));
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
