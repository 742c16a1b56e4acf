import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listRooms } from '@/app/api/v1/rooms/route';
import { db } from '@/server/db/client';
import { apiTokens } from '@/server/db/schema';
import { call } from '@/test/api/client';
import { runCli } from '@/test/cli';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { actorForBearer, createOwnToken, LAST_USED_RESOLUTION_MS, listTokens, revokeToken } from './tokens';

const database = useTestDatabase();
const cli = (...args: string[]) => runCli(database.url(), args);

let t: SeededTenant;
let other: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('K');
  other = await seedTenant('O');
});

const rooms = (token: string) => call(listRooms, 'GET', '/api/v1/rooms', { token });

// Each CLI call is a process of its own (a few seconds).
describe('API tokens from the CLI (issue 13, contract)', { timeout: 120_000 }, () => {
  it('token create takes --name and --expires-in-days; token list --json shows them without the secret', async () => {
    const email = t.subscriber.actor.email;
    const created = await cli('token', 'create', '--email', email, '--name', 'CI deploy', '--expires-in-days', '30');
    expect(created.code).toBe(0);
    expect(created.json.token).toMatch(/^cbt_/);
    const { code, json } = await cli('token', 'list', '--email', email);
    expect(code).toBe(0);
    const listed = json.tokens.find((tk: { id: string }) => tk.id === created.json.id);
    expect(listed).toEqual({ id: created.json.id, name: 'CI deploy', createdAt: expect.any(String), lastUsedAt: null, expiresAt: expect.any(String) });
    const days = (Date.parse(listed.expiresAt) - Date.parse(listed.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(30, 1);
    expect(JSON.stringify(json)).not.toContain(created.json.token);
    expect(json.tokens.every((tk: object) => Object.keys(tk).every((k) => ['id', 'name', 'createdAt', 'lastUsedAt', 'expiresAt'].includes(k)))).toBe(true);
  });

  it('token revoke --id makes the token answer 401 at once', async () => {
    const created = await cli('token', 'create', '--email', t.admin.actor.email);
    expect((await rooms(created.json.token)).status).toBe(200);
    const revoked = await cli('token', 'revoke', '--id', created.json.id);
    expect(revoked).toEqual({ code: 0, json: { revoked: created.json.id } });
    expect((await rooms(created.json.token)).status).toBe(401);
    expect((await cli('token', 'revoke', '--id', created.json.id)).code).toBe(1);
    expect((await cli('token', 'revoke', '--id', 'not-a-uuid')).code).toBe(1);
  });

  it('refuses a bad expiry, naming it, and creates nothing', async () => {
    const before = (await cli('token', 'list', '--email', t.admin.actor.email)).json.tokens.length;
    for (const days of ['0', 'ten', '99999']) {
      const { code, json } = await cli('token', 'create', '--email', t.admin.actor.email, '--expires-in-days', days);
      expect(code, days).toBe(1);
      expect(json.error.errors).toEqual([{ field: 'expiresInDays', message: expect.stringMatching(/days/) }]);
    }
    expect((await cli('token', 'list', '--email', t.admin.actor.email)).json.tokens).toHaveLength(before);
  });
});

describe('expiry and last use (issue 13)', () => {
  it('an expired token answers 401 at once', async () => {
    const now = new Date();
    const { token } = await createOwnToken(t.admin.actor, { name: 'short', expiresInDays: 1 }, now);
    await expect(actorForBearer(`Bearer ${token}`, new Date(now.getTime() + 86_400_000 - 1000))).resolves.toMatchObject({ userId: t.admin.actor.userId });
    await expect(actorForBearer(`Bearer ${token}`, new Date(now.getTime() + 86_400_000 + 1000))).rejects.toMatchObject({ status: 401 });
  });

  it('records last use at most once a minute per token, not once per request', async () => {
    const start = new Date('2030-05-01T10:00:00Z');
    const { token, id } = await createOwnToken(t.subscriber.actor, { name: 'poller' }, start);
    const lastUsed = async () => (await db().select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id)))[0].at?.toISOString();
    expect(await lastUsed()).toBeUndefined();
    await actorForBearer(`Bearer ${token}`, start);
    expect(await lastUsed()).toBe(start.toISOString());
    await Promise.all(Array.from({ length: 10 }, (_, i) => actorForBearer(`Bearer ${token}`, new Date(start.getTime() + 1000 * (i + 1)))));
    expect(await lastUsed()).toBe(start.toISOString());
    const later = new Date(start.getTime() + LAST_USED_RESOLUTION_MS);
    await actorForBearer(`Bearer ${token}`, later);
    expect(await lastUsed()).toBe(later.toISOString());
  });
});

describe('tokens in the portal (issue 13, T-1)', () => {
  it('a subscriber sees and revokes only their own tokens; an admin every token of the tenant, never another tenant', async () => {
    const mine = await createOwnToken(t.subscriber.actor, { name: 'mine' }, new Date());
    const admins = await createOwnToken(t.admin.actor, { name: 'admin tool' }, new Date());
    const foreign = await createOwnToken(other.admin.actor, { name: 'foreign' }, new Date());

    const seenBySubscriber = await listTokens(t.subscriber.actor);
    expect(seenBySubscriber.every((tk) => tk.user.id === t.subscriber.actor.userId)).toBe(true);
    expect(seenBySubscriber.map((tk) => tk.id)).toContain(mine.id);
    await expect(revokeToken(t.subscriber.actor, admins.id)).rejects.toMatchObject({ status: 404 });

    const seenByAdmin = (await listTokens(t.admin.actor)).map((tk) => tk.id);
    expect(seenByAdmin).toEqual(expect.arrayContaining([mine.id, admins.id]));
    expect(seenByAdmin).not.toContain(foreign.id);
    await expect(revokeToken(t.admin.actor, foreign.id)).rejects.toMatchObject({ status: 404 });
    expect((await rooms(foreign.token)).status).toBe(200);

    await revokeToken(t.admin.actor, mine.id);
    expect((await rooms(mine.token)).status).toBe(401);
  });
});
