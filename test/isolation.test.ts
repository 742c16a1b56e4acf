import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { actions, type ActionKey } from '@/server/actions';
import { executeAction } from '@/server/actions/define';
import { storeRecordedAnnouncement } from '@/server/announcements/service';
import { closeConference, openConference, recordJoin } from '@/server/conferences/records';
import { createWebhook } from '@/server/webhooks/endpoints';
import { call, type Answer } from '@/test/api/client';
import { toneWav } from '@/test/audio';
import { useTestDatabase } from '@/test/database';
import { readyRecording } from '@/test/recordings';
import { actionRows } from '@/test/isolation-actions.table';
import { CONFERENCE_MONTH, routeRows, type IsolationTenants, type RouteCase } from '@/test/isolation-routes.table';
import { apiRouteFiles } from '@/test/routes';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { tenantSnapshot } from '@/test/tenant-snapshot';

/**
 * T-1, one table-driven harness: tenant B, given tenant A's ids, gets 404 (exactly the answer for
 * an id that exists nowhere) from every /api/v1 route and every server action, and A's rows stay
 * as they were. It fails when a route, a method or an action has no row.
 */
const database = useTestDatabase();
const ROOT = path.resolve(import.meta.dirname, '..');

let a: IsolationTenants['a'];
let b: SeededTenant;
beforeAll(async () => {
  // A's room numbers are free in B, so that B booking one shows B never collides with A.
  const seeded = await seedTenant('A', { roomNumbers: ['3001', '3002'] });
  const conferenceId = await heldConference(seeded);
  a = { ...seeded, conferenceId, webhookId: await ownWebhook(seeded, 'tenant-a'), recordingId: await readyRecording(seeded.tenantId, conferenceId, 1, new Date(`${CONFERENCE_MONTH}-10T08:01:00Z`)) };
  // T-2: A has a welcome announcement that B's uploads and deletions must leave alone.
  await storeRecordedAnnouncement(seeded.tenantId, toneWav({ seconds: 1, rate: 8000, channels: 1 }), new Date());
  b = await seedTenant('B');
  await heldConference(b);
});

/** A webhook endpoint of the tenant (issue 10). */
async function ownWebhook(t: SeededTenant, label: string): Promise<string> {
  return (await createWebhook(t.admin.actor, { url: `https://93.184.216.34/hooks/${label}`, events: ['conference.ended'] }, new Date())).id;
}

/** A finished conference of the tenant's first room, in CONFERENCE_MONTH, with one leg. */
async function heldConference(t: SeededTenant): Promise<string> {
  const startedAt = new Date(`${CONFERENCE_MONTH}-10T08:00:00Z`);
  const conferenceId = await openConference({
    tenantId: t.tenantId,
    kind: 'room',
    roomId: t.roomIds[0],
    roomNumber: null,
    organizerExtension: null,
    mediaServer: 'fs-1',
    sipInstance: 'sip-1',
    mediaName: `isolation-${t.tenantId}`,
    startedAt,
  });
  const leg = { tenantId: t.tenantId, conferenceId, callId: `call-${conferenceId}`, callerNumber: '+33612345678', callerName: null };
  await recordJoin({ ...leg, role: 'participant', direction: 'inbound', joinedAt: startedAt });
  await closeConference(conferenceId, new Date(startedAt.getTime() + 600_000), 'empty');
  return conferenceId;
}

const idsOf = (t: SeededTenant & { conferenceId?: string; webhookId?: string; recordingId?: string }) => [
  ...(t.conferenceId ? [t.conferenceId] : []),
  ...(t.webhookId ? [t.webhookId] : []),
  ...(t.recordingId ? [t.recordingId] : []),
  t.tenantId,
  t.admin.actor.userId,
  t.subscriber.actor.userId,
  ...t.roomIds,
  ...t.memberIds,
  t.extensionId,
  t.directoryEntryId,
  t.admin.tokenId,
  t.subscriber.tokenId,
];

/** The same request with each of A's ids replaced by an id that exists nowhere. */
function withMissingIds<T extends object>(value: T, ids: string[]): { value: T; changed: boolean } {
  const text = JSON.stringify(value);
  const swapped = ids.reduce((json, id) => json.split(id).join(randomUUID()), text);
  return { value: JSON.parse(swapped), changed: swapped !== text };
}

const snapshotA = () => tenantSnapshot(database.url(), a.tenantId);

describe('every /api/v1 route called by tenant B with tenant A ids', async () => {
  const files = await apiRouteFiles();
  const endpoints = files.flatMap((file) => file.methods.map((method) => ({ key: `${method} ${file.route}`, method, file })));

  it('has a row per route file and method, and none for a route that is gone', () => {
    expect(Object.keys(routeRows).sort()).toEqual(endpoints.map((e) => e.key).sort());
  });

  const send = (handler: unknown, method: string, route: string, c: RouteCase): Promise<Answer> => {
    const url = route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => c.params?.[name] ?? `[${name}]`);
    return call(handler as Parameters<typeof call>[0], method, url, { token: b.admin.token, params: c.params, query: c.query, body: c.body });
  };

  it.each(endpoints.filter((e) => routeRows[e.key]))('$key', async ({ key, method, file }) => {
    for (const c of routeRows[key]({ a, b })) {
      const before = await snapshotA();
      const answer = await send(file.module[method], method, file.route, c);
      expect(answer.status, c.what).toBe(c.status ?? 404);
      c.check?.(answer);
      const missing = withMissingIds({ params: c.params, query: c.query, body: c.body }, idsOf(a));
      if (missing.changed) {
        const unknown = await send(file.module[method], method, file.route, { what: c.what, ...missing.value });
        expect({ status: answer.status, json: answer.json }, `${c.what}: answered unlike a missing id`).toEqual({ status: unknown.status, json: unknown.json });
      }
      expect(await snapshotA(), `${c.what}: changed tenant A`).toEqual(before);
    }
  });
});

/** `export async function NAME` in each app/**\/actions.ts: the server actions the browser can call. */
function exportedServerActions(): string[] {
  return readdirSync(path.join(ROOT, 'app'), { recursive: true, encoding: 'utf8' })
    .filter((f) => path.basename(f) === 'actions.ts')
    .flatMap((f) => [...readFileSync(path.join(ROOT, 'app', f), 'utf8').matchAll(/export\s+async\s+function\s+(\w+)/g)].map((m) => m[1]))
    .sort();
}

describe('every server action called by tenant B with tenant A ids', () => {
  it('has a row for each server action that app/**/actions.ts exports, each registered under its name', () => {
    const exported = exportedServerActions();
    expect(exported.length).toBeGreaterThan(0);
    expect(Object.keys(actions)).toEqual(expect.arrayContaining(exported));
    expect(Object.keys(actionRows).sort()).toEqual(Object.keys(actions).sort());
  });

  const run = (key: ActionKey, input: Record<string, unknown>) => executeAction(actions[key] as never, b.admin.actor, input, new Date());

  it.each(Object.keys(actions) as ActionKey[])('%s', async (key) => {
    for (const c of actionRows[key]({ a, b })) {
      const before = await snapshotA();
      const result = await run(key, c.input);
      expect(result.ok ? 200 : result.status, `${c.what}: ${JSON.stringify(result)}`).toBe(c.status ?? 404);
      c.check?.(result);
      const missing = withMissingIds(c.input, idsOf(a));
      if (missing.changed) expect(result, `${c.what}: answered unlike a missing id`).toEqual(await run(key, missing.value));
      expect(await snapshotA(), `${c.what}: changed tenant A`).toEqual(before);
    }
  });
});
