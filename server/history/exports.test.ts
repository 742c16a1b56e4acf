import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { GET as conferencePdf } from '@/app/api/v1/conferences/[id]/report.pdf/route';
import { GET as exportCsv } from '@/app/api/v1/conferences/export.csv/route';
import { GET as monthPdf } from '@/app/api/v1/conferences/report.pdf/route';
import { GET as usageRoute } from '@/app/api/v1/usage/route';
import { closeConference, openConference, recordJoin, recordLeave } from '@/server/conferences/records';
import { usageSchema } from '@/server/history/schemas';
import { call } from '@/test/api/client';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { CSV_COLUMNS } from './csv';

// A small pool, so that a few abandoned downloads would exhaust it if they kept their connections.
process.env.DATABASE_POOL_SIZE = '3';
useTestDatabase();

const at = (iso: string) => new Date(iso);
let acme: SeededTenant;
let other: SeededTenant;
let crossing: string;
let adhoc: string;

/** A conference with legs [number, name, role, joined, left]; closed at `endedAt` unless null. */
async function held(t: SeededTenant, room: { id: string | null; number: string | null; extension?: string }, startedAt: string, endedAt: string | null, legs: [string | null, string | null, 'organizer' | 'participant' | 'moderator', string, string | null][]) {
  const id = await openConference({ tenantId: t.tenantId, kind: room.id ? 'room' : 'adhoc', roomId: room.id, roomNumber: room.number, organizerExtension: room.extension ?? null, mediaServer: 'fs-1', sipInstance: 'sip-1', mediaName: `m-${Math.random()}`, startedAt: at(startedAt) });
  for (const [i, [callerNumber, callerName, role, joined, left]] of legs.entries()) {
    const leg = await recordJoin({ tenantId: t.tenantId, conferenceId: id, callId: `${id}-${i}`, callerNumber, callerName, role, direction: 'inbound', joinedAt: at(joined) });
    if (left) await recordLeave(leg, at(left), 'hangup');
  }
  if (endedAt) await closeConference(id, at(endedAt), 'empty');
  return id;
}

async function download<P extends Record<string, string>>(handler: (r: Request, c: { params: Promise<P> }) => Promise<Response>, url: string, token: string, params = {} as P) {
  const response = await handler(new Request(new URL(url, 'http://localhost'), { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve(params) });
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

function pdfText(bytes: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'report.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  acme = await seedTenant('Acme', { roomNumbers: ['6301', '6302'] });
  other = await seedTenant('Other', { roomNumbers: ['6303', '6304'] });
  // 23:50 on 30 April in Paris, ending after midnight on 1 May: all of it belongs to April.
  crossing = await held(acme, { id: acme.roomIds[0], number: '6301' }, '2026-04-30T21:50:00Z', '2026-04-30T22:20:00Z', [
    ['+33611111111', 'Zoë Éléonore', 'organizer', '2026-04-30T21:50:00Z', '2026-04-30T22:20:00Z'],
    [null, null, 'participant', '2026-04-30T21:51:00Z', '2026-04-30T21:52:01Z'],
    ['0612', '=HYPERLINK("x")', 'participant', '2026-04-30T21:55:00Z', '2026-04-30T22:05:00Z'],
  ]);
  adhoc = await held(acme, { id: null, number: null, extension: '201' }, '2026-04-03T08:00:00Z', '2026-04-03T08:10:00Z', [
    ['201', 'Subscriber', 'organizer', '2026-04-03T08:00:00Z', '2026-04-03T08:10:00Z'],
    ['+4930123456', 'Jürgen Groß', 'participant', '2026-04-03T08:00:30Z', '2026-04-03T08:10:00Z'],
  ]);
  await held(acme, { id: acme.roomIds[1], number: '6302' }, '2026-04-03T09:00:00Z', '2026-04-03T09:01:00Z', [['+33622222222', null, 'organizer', '2026-04-03T09:00:00Z', '2026-04-03T09:01:00Z']]);
  await held(other, { id: other.roomIds[0], number: '6303' }, '2026-04-10T09:00:00Z', '2026-04-10T09:05:00Z', [['+33633333333', 'Autre', 'organizer', '2026-04-10T09:00:00Z', '2026-04-10T09:05:00Z']]);
});

describe('GET /api/v1/conferences/export.csv (H-3)', () => {
  it('streams one row per leg with the conference columns, UTF-8 with a BOM, read back by a CSV parser', async () => {
    const answer = await download(exportCsv, '/api/v1/conferences/export.csv?month=2026-04', acme.admin.token);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/csv; charset=utf-8');
    expect([...answer.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(answer.bytes, { bom: true, columns: true });
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.conference_id)).size).toBe(3);
    const ofCrossing = rows.filter((r) => r.conference_id === crossing);
    expect(ofCrossing.map((r) => [r.caller_number, r.number_hidden, r.caller_name, r.duration_seconds, r.participant_minutes])).toEqual([
      ['+33611111111', 'no', 'Zoë Éléonore', '1800', '30'],
      ['', 'yes', '', '61', '2'],
      // A name that a spreadsheet would run as a formula is written as text.
      ['0612', 'no', `'=HYPERLINK("x")`, '600', '10'],
    ]);
    expect(ofCrossing[0]).toMatchObject({ room_number: '6301', room_name: 'Room Acme 1', conference_started_at: '2026-04-30T23:50:00+02:00', left_at: '2026-05-01T00:20:00+02:00', conference_in_progress: 'no' });
    expect(rows.find((r) => r.conference_id === adhoc)).toMatchObject({ kind: 'adhoc', organizer_extension: '201', room_number: '' });
    expect(rows.reduce((sum, r) => sum + Number(r.participant_minutes), 0)).toBe(30 + 2 + 10 + 10 + 10 + 1);
  });

  it("gives a subscriber only their own rooms' legs and their extension's ad-hoc calls", async () => {
    const answer = await download(exportCsv, '/api/v1/conferences/export.csv?month=2026-04', acme.subscriber.token);
    const rows: Record<string, string>[] = parse(answer.bytes, { bom: true, columns: true });
    expect(rows.map((r) => r.room_number || r.organizer_extension).sort()).toEqual(['201', '201', '6302']);
  });

  it('writes the header alone for an empty month', async () => {
    const answer = await download(exportCsv, '/api/v1/conferences/export.csv?month=2026-01', acme.admin.token);
    expect(parse(answer.bytes, { bom: true })).toEqual([[...CSV_COLUMNS]]);
  });

  it('refuses a bad month with 400 naming month, and no token with 401', async () => {
    const bad = await call(exportCsv as never, 'GET', '/api/v1/conferences/export.csv', { token: acme.admin.token, query: { month: '2026-4' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['month']);
    expect((await call(exportCsv as never, 'GET', '/api/v1/conferences/export.csv', { query: { month: '2026-04' } })).status).toBe(401);
  });
});

describe('PDF reports (H-3)', () => {
  it('reports one conference: tenant, start, totals, legs with accents, page number', async () => {
    const answer = await download(conferencePdf, `/api/v1/conferences/${crossing}/report.pdf`, acme.admin.token, { id: crossing });
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('application/pdf');
    const text = pdfText(answer.bytes);
    // The tenant speaks French (default): labels, dates and the hidden number in French.
    expect(text).toContain('Rapport de conférence');
    expect(text).toContain('Tenant Acme');
    expect(text).toContain('30.04.2026 23:50');
    expect(text).toMatch(/Minutes-participant\s*:\s*42/);
    expect(text).toContain('Zoë Éléonore');
    expect(text).toContain('Numéro masqué');
    expect(text).toContain('Page 1');
  });

  it('reports the month with its totals and a page number on every page', async () => {
    const answer = await download(monthPdf, '/api/v1/conferences/report.pdf?month=2026-04', acme.admin.token);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('application/pdf');
    const text = pdfText(answer.bytes);
    expect(text).toContain('Rapport mensuel');
    expect(text).toContain('avril 2026');
    expect(text).toMatch(/Conférences\s*:\s*3/);
    expect(text).toMatch(/Minutes-participant\s*:\s*63/);
    expect(text).toContain('Jürgen Groß');
    expect(text).toContain('Appel ad hoc depuis le 201');
    expect(text).not.toContain('Autre');
    const pages = text.split('\f').filter((page) => page.trim());
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1}`));
  });

  it("answers 404 for another tenant's conference, exactly like a missing one (T-1)", async () => {
    const foreign = await download(conferencePdf, `/api/v1/conferences/${crossing}/report.pdf`, other.admin.token, { id: crossing });
    const missing = await download(conferencePdf, '/api/v1/conferences/00000000-0000-4000-8000-000000000000/report.pdf', other.admin.token, { id: '00000000-0000-4000-8000-000000000000' });
    expect(foreign.status).toBe(404);
    expect(foreign.bytes.toString()).toBe(missing.bytes.toString());
  });
});

describe('GET /api/v1/usage (H-4)', () => {
  it('gives admins the month per room and per ad-hoc extension, per day, with a total', async () => {
    const answer = await call(usageRoute as never, 'GET', '/api/v1/usage', { token: acme.admin.token, query: { month: '2026-04' } });
    expect(answer.status).toBe(200);
    const body = usageSchema.parse(answer.json);
    expect(body.rooms).toEqual([
      { roomId: acme.roomIds[0], kind: 'room', roomNumber: '6301', name: 'Room Acme 1', organizerExtension: null, conferences: 1, participantMinutes: 42 },
      { roomId: acme.roomIds[1], kind: 'room', roomNumber: '6302', name: 'Room Acme 2', organizerExtension: null, conferences: 1, participantMinutes: 1 },
      { roomId: null, kind: 'adhoc', roomNumber: null, name: null, organizerExtension: '201', conferences: 1, participantMinutes: 20 },
    ]);
    expect(body.total).toEqual({ conferences: 3, participantMinutes: 63 });
    expect(body.days).toHaveLength(30);
    expect(body.days.find((d) => d.date === '2026-04-03')).toEqual({ date: '2026-04-03', conferences: 2, participantMinutes: 21 });
    expect(body.days.find((d) => d.date === '2026-04-30')).toEqual({ date: '2026-04-30', conferences: 1, participantMinutes: 42 });
  });

  it('is for tenant admins only (403)', async () => {
    const answer = await call(usageRoute as never, 'GET', '/api/v1/usage', { token: acme.subscriber.token, query: { month: '2026-04' } });
    expect(answer.status).toBe(403);
  });
});

describe('a monthly PDF of thousands of pages (H-3)', () => {
  let big: SeededTenant;
  const CONFERENCES = 400;
  const LEGS = 20;

  beforeAll(async () => {
    big = await seedTenant('Big');
    // Written by PostgreSQL itself, as bench/history does: 8,000 legs in June 2026.
    await db().execute(sql`
      insert into conferences (id, tenant_id, room_number, kind, organizer_extension, media_server, sip_instance, media_name, started_at, ended_at, end_reason, participant_count, participant_minutes)
      select gen_random_uuid(), ${big.tenantId}, null, 'adhoc', '201', 'fs-1', 'sip-1', 'big-' || i,
        timestamptz '2026-06-01T08:00:00Z' + i * interval '1 hour', timestamptz '2026-06-01T08:30:00Z' + i * interval '1 hour', 'empty', ${LEGS}, ${LEGS * 30}
      from generate_series(0, ${CONFERENCES - 1}) as i`);
    await db().execute(sql`
      insert into participants (tenant_id, conference_id, call_id, caller_number, caller_name, role, direction, joined_at, left_at, end_reason)
      select ${big.tenantId}, c.id, c.media_name || '-' || j, '+3361' || lpad((j * 7919)::text, 7, '0'), 'Hélène ' || j, 'participant', 'inbound', c.started_at, c.ended_at, 'hangup'
      from conferences c cross join generate_series(1, ${LEGS}) as j where c.tenant_id = ${big.tenantId}`);
  });

  const open = () => monthPdf(new Request('http://localhost/api/v1/conferences/report.pdf?month=2026-06', { headers: { authorization: `Bearer ${big.admin.token}` } }), { params: Promise.resolve({}) });

  it('is written as the client reads, to the last conference, with every page numbered', async () => {
    const bytes = Buffer.from(await (await open()).arrayBuffer());
    // Larger than what the report renders ahead of its reader: it waited for the reader and went on.
    expect(bytes.byteLength).toBeGreaterThan(4 * 64 * 1024);
    const pages = pdfText(bytes).split('\f').filter((page) => page.trim());
    expect(pages.length).toBeGreaterThan(150);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1}`));
    expect(pages.at(-1)).toContain('Hélène 20');
    expect(pdfText(bytes).match(/Appel ad hoc depuis le 201/g)).toHaveLength(CONFERENCES);
  });

  it('lets go of its database connection when the client goes away (more give-ups than the pool holds)', async () => {
    const pool = Number(process.env.DATABASE_POOL_SIZE);
    const readers = await Promise.all(Array.from({ length: pool + 1 }, async () => (await open()).body!.getReader()));
    for (const reader of readers) expect((await reader.read()).done).toBe(false);
    // Time for each report to run ahead of its reader and wait for it, holding its cursor's connection.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all(readers.map((reader) => reader.cancel()));
    // A writer left waiting for a reader that is gone would keep its cursor's connection for ever.
    const answered = await Promise.race([db().execute(sql`select 1`).then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('pool exhausted'), 10_000))]);
    expect(answered).toBe('answered');
  });
});
