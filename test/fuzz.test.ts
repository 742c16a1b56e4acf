import { beforeAll, describe, expect, it } from 'vitest';
import { actions, type ActionKey } from '@/server/actions';
import { executeAction } from '@/server/actions/define';
import { closeConference, openConference, recordJoin } from '@/server/conferences/records';
import { createWebhook } from '@/server/webhooks/endpoints';
import { readyRecording } from '@/test/recordings';
import { useTestDatabase } from '@/test/database';
import { actionRows } from '@/test/isolation-actions.table';
import { CONFERENCE_MONTH, routeRows, type IsolationTenants, type RouteCase } from '@/test/isolation-routes.table';
import { apiRouteFiles, type ApiRouteFile } from '@/test/routes';
import { seedTenant, type SeededTenant } from '@/test/seed';

/**
 * Q-5, issue 13: every REST route (every route file and method) and every server action (the
 * registry) gets a fixed corpus of bad values in each of its fields, and never answers 5xx nor
 * throws. The valid requests they start from are the tenant-isolation tables' rows, played by a
 * tenant on its own data, so that a route or action added anywhere is walked here without
 * editing this file (the isolation test already insists on a row for each).
 */
useTestDatabase();

const HUGE = 'x'.repeat(200_000);
/** Strings a careless or hostile client sends: NUL, broken escapes and surrogates, look-alike digits, extremes. */
const BAD_TEXT = [
  '',
  '   ',
  '\u0000',
  'a\u0000b',
  '%ZZ',
  '%C3%28',
  '%00',
  '\ud800',
  '\udfff\ud800',
  '\uffff',
  HUGE,
  '٣٤٥٦',
  '１２３４',
  '¹²³',
  '-1',
  '-99999999999999999999',
  '99999999999999999999',
  '1e400',
  'NaN',
  'Infinity',
  '0x1F',
  '2026-02-30T10:00:00+01:00',
  '2026-13-01T25:61',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  'not a date',
  '../../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'line\r\nBcc: victim@example.com',
  '00000000-0000-0000-0000-000000000000',
  '😀'.repeat(2000),
];
const BAD_VALUES: unknown[] = [...BAD_TEXT, null, true, false, 0, -1, -2_147_483_649, 2 ** 53 + 1, 1e308, -0.5, 3.7, [], [null], ['\u0000', 7], {}, { nested: { deeper: ['x'] } }];
/** Whole bodies that are not JSON objects, sent raw. */
const BAD_RAW_BODIES: (string | Uint8Array<ArrayBuffer>)[] = ['{', '{"a":', 'null', '[]', '"text"', '\u0000', new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), new Uint8Array([0xff, 0xfe, 0xfd])];

let tenants: IsolationTenants;
beforeAll(async () => {
  const own = await seedTenant('Z', { roomNumbers: ['5001', '5002'] });
  const startedAt = new Date(`${CONFERENCE_MONTH}-10T08:00:00Z`);
  const conferenceId = await openConference({ tenantId: own.tenantId, kind: 'room', roomId: own.roomIds[0], roomNumber: null, organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-1', mediaName: `fuzz-${own.tenantId}`, startedAt });
  await recordJoin({ tenantId: own.tenantId, conferenceId, callId: `fuzz-${conferenceId}`, callerNumber: '+33612345678', callerName: null, role: 'participant', direction: 'inbound', joinedAt: startedAt });
  await closeConference(conferenceId, new Date(startedAt.getTime() + 600_000), 'empty');
  // The tables describe tenant B acting on A's data; here one tenant acts on its own, so requests are valid to start with.
  const webhookId = (await createWebhook(own.admin.actor, { url: 'https://93.184.216.34/hooks/fuzz', events: ['conference.ended'] }, new Date())).id;
  const recordingId = await readyRecording(own.tenantId, conferenceId, 1, new Date(startedAt.getTime() + 60_000));
  tenants = { a: { ...own, conferenceId, webhookId, recordingId }, b: own };
});

interface Attempt {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  raw?: string | Uint8Array<ArrayBuffer>;
}

/** The valid request, then one field at a time replaced by each bad value. */
function variants(c: RouteCase, method: string): { what: string; attempt: Attempt }[] {
  const out: { what: string; attempt: Attempt }[] = [{ what: 'as listed', attempt: c }];
  for (const name of Object.keys(c.params ?? {}))
    for (const value of BAD_TEXT) out.push({ what: `param ${name}=${JSON.stringify(value.slice(0, 20))}`, attempt: { ...c, params: { ...c.params, [name]: value } } });
  for (const name of new Set([...Object.keys(c.query ?? {}), 'limit', 'cursor', 'month', 'filter', 'q']))
    for (const value of BAD_TEXT) out.push({ what: `query ${name}=${JSON.stringify(value.slice(0, 20))}`, attempt: { ...c, query: { ...c.query, [name]: value } } });
  if (method === 'GET' || method === 'DELETE') return out;
  const body = c.body && typeof c.body === 'object' && !Array.isArray(c.body) ? (c.body as Record<string, unknown>) : {};
  for (const field of [...Object.keys(body), 'unexpected'])
    for (const value of BAD_VALUES) out.push({ what: `body.${field}=${JSON.stringify(value)?.slice(0, 20)}`, attempt: { ...c, body: { ...body, [field]: value } } });
  for (const value of BAD_VALUES) out.push({ what: `body=${JSON.stringify(value)?.slice(0, 20)}`, attempt: { ...c, body: value } });
  for (const raw of BAD_RAW_BODIES) out.push({ what: `raw body ${JSON.stringify(typeof raw === 'string' ? raw : [...raw])}`, attempt: { ...c, body: undefined, raw } });
  return out;
}

/** The handler reads its params, not the URL; a lone surrogate has no URL form at all. */
const pathSegment = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return 'unencodable';
  }
};

async function send(file: ApiRouteFile, method: string, token: string, attempt: Attempt): Promise<Response> {
  const path = file.route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => pathSegment(attempt.params?.[name] ?? name));
  const url = new URL(path, 'http://localhost');
  for (const [key, value] of Object.entries(attempt.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers({ authorization: `Bearer ${token}` });
  let body: string | Uint8Array<ArrayBuffer> | undefined = attempt.raw;
  if (body === undefined && attempt.body !== undefined) body = JSON.stringify(attempt.body);
  if (body !== undefined) headers.set('content-type', 'application/json');
  const handler = file.module[method] as (r: Request, c: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
  const params = Object.fromEntries(Object.entries(attempt.params ?? {}).map(([k, v]) => [k, file.route.includes(`[...${k}]`) ? v.split('/') : v]));
  return handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
}

describe('every REST route, every field, a corpus of bad values: never a 5xx (Q-5, issue 13)', async () => {
  const files = await apiRouteFiles();
  // Deleting comes last, so that the other routes still find the rows they start from.
  const endpoints = files
    .flatMap((file) => file.methods.map((method) => ({ key: `${method} ${file.route}`, method, file })))
    .sort((x, y) => Number(x.method === 'DELETE') - Number(y.method === 'DELETE'));

  it('has a starting request for every route and method', () => {
    expect(endpoints.filter((e) => !routeRows[e.key]).map((e) => e.key)).toEqual([]);
  });

  it.each(endpoints)('$key', async ({ key, method, file }) => {
    for (const c of routeRows[key](tenants))
      for (const { what, attempt } of variants(c, method)) {
        const answer = await send(file, method, tenants.b.admin.token, attempt);
        expect(answer.status, `${key} ${what}`).toBeLessThan(500);
        if (answer.status >= 400) expect(answer.headers.get('content-type'), `${key} ${what}`).toBe('application/problem+json');
        await answer.arrayBuffer();
      }
  }, 300_000);
});

describe('every server action, every field, a corpus of bad values: a refusal, never an exception (Q-5, issue 13)', () => {
  // Removing comes last for the same reason.
  const keys = (Object.keys(actions) as ActionKey[]).sort((x, y) => Number(/^(delete|remove)/.test(x)) - Number(/^(delete|remove)/.test(y)));

  it.each(keys)('%s', async (key) => {
    for (const c of actionRows[key](tenants)) {
      const inputs: { what: string; input: unknown }[] = [{ what: 'as listed', input: c.input }];
      for (const field of [...Object.keys(c.input), 'unexpected'])
        for (const value of BAD_VALUES) inputs.push({ what: `${field}=${JSON.stringify(value)?.slice(0, 20)}`, input: { ...c.input, [field]: value } });
      for (const value of BAD_VALUES) inputs.push({ what: `input=${JSON.stringify(value)?.slice(0, 20)}`, input: value });
      for (const { what, input } of inputs) {
        const result = await executeAction(actions[key] as never, tenants.b.admin.actor, input, new Date()).catch((error: unknown) => ({ threw: String(error) }));
        expect('threw' in result ? result : 'ok', `${key} ${what}`).toBe('ok');
        if ('ok' in result && !result.ok) expect(result.status, `${key} ${what}`).toBeLessThan(500);
      }
    }
  }, 300_000);
});
