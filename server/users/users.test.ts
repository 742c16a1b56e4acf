import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listUsersRoute } from '@/app/api/v1/users/route';
import { GET as getUserRoute, PATCH as patchUser } from '@/app/api/v1/users/[id]/route';
import { POST as passwordLinkRoute } from '@/app/api/v1/users/[id]/password-link/route';
import { actions } from '@/server/actions';
import { executeAction } from '@/server/actions/define';
import { actorForSession, openSession } from '@/server/auth/sessions';
import { signInWithPassword } from '@/server/auth/sign-in';
import { db } from '@/server/db/client';
import { extensions, outboxMessages, passwordResets } from '@/server/db/schema';
import { createExtension, deleteExtension, listExtensionsWithHolders } from '@/server/directory/service';
import type { MailTransport, SendRequest } from '@/server/mail/transport';
import { call } from '@/test/api/client';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { FORGOT_PER_ADDRESS, FORGOT_PER_HOUR, passwordLinkWorks, reserveForgotRequest, requestPasswordLink, resetPasswordWithLink, sendPasswordLink } from './password-links';
import { createUser, getUser, updateUser } from './service';

useTestDatabase();

let t: SeededTenant;
let other: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('U');
  other = await seedTenant('V');
});

const HOUR = 3_600_000;

/** A transport that keeps what it was given: the link is read from the email, as the user would. */
function catcher(ok = true): MailTransport & { sent: SendRequest[] } {
  const sent: SendRequest[] = [];
  return {
    name: 'outbox',
    sent,
    async send(request) {
      sent.push(request);
      return ok ? { ok: true, providerIds: ['x'] } : { ok: false, retryable: true, error: 'down' };
    },
  };
}
const linkIn = (request: SendRequest) => /\/reset-password\/(cbr_[\w-]+)/.exec(request.emails[0].text)![1];

async function newUser(label: string, extension?: string) {
  const email = `${label}-${Date.now()}@u.example.com`;
  const { userId } = await createUser(t.tenantId, { email, password: 'correct horse', role: 'subscriber', name: `User ${label}`, extension });
  return { userId, email };
}

describe('editing a user (issue 12)', () => {
  it('an admin changes name, email, role and extension; the held extension follows the name', async () => {
    const u = await newUser('edit', '6410');
    const changed = await updateUser(t.admin.actor, u.userId, { name: 'Renamed', email: 'Renamed-6410@U.example.com', role: 'admin', extension: '6411' });
    expect(changed).toEqual({ id: u.userId, name: 'Renamed', email: 'renamed-6410@u.example.com', role: 'admin', extension: '6411' });
    const rows = await listExtensionsWithHolders(t.admin.actor);
    // The old extension (renamed with its holder first) stays, free; the new one was made in the user's name.
    expect(rows.find((e) => e.number === '6410')).toMatchObject({ holder: null, name: 'Renamed' });
    expect(rows.find((e) => e.number === '6411')).toMatchObject({ holder: { id: u.userId }, name: 'Renamed', email: 'renamed-6410@u.example.com' });
    expect(await updateUser(t.admin.actor, u.userId, { extension: null })).toMatchObject({ extension: null, name: 'Renamed' });
  });

  it('refuses an email any account has, in this tenant or another, without saying where', async () => {
    const u = await newUser('dup');
    for (const email of [t.subscriber.actor.email, other.admin.actor.email]) {
      const error = await updateUser(t.admin.actor, u.userId, { email }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 409, issue: { field: 'email', code: 'email.taken' }, message: 'This email address cannot be used' });
    }
    const answer = await call(patchUser, 'PATCH', `/api/v1/users/${u.userId}`, { token: t.admin.token, params: { id: u.userId }, body: { email: other.admin.actor.email } });
    expect(answer.status).toBe(409);
    expect(JSON.stringify(answer.json)).not.toMatch(/tenant|exists|another/i);
    expect(answer.json.errors).toEqual([{ field: 'email', message: expect.any(String) }]);
  });

  it("never takes an extension another user holds; gives a free one", async () => {
    const holder = await newUser('holder', '6420');
    const u = await newUser('taker');
    await expect(updateUser(t.admin.actor, u.userId, { extension: '6420' })).rejects.toMatchObject({ status: 409, issue: { field: 'extension', code: 'extension.held' } });
    expect((await getUser(t.admin.actor, holder.userId)).extension).toBe('6420');
    await createExtension(t.admin.actor, { number: '6421', name: 'Free desk' });
    expect((await updateUser(t.admin.actor, u.userId, { extension: '6421' })).extension).toBe('6421');
    // createUser no longer takes a held extension either.
    await expect(newUser('steal', '6420')).rejects.toMatchObject({ status: 409 });
  });

  it('refuses bad fields by name, a subscriber, another tenant (404), and an admin demoting themself', async () => {
    const u = await newUser('bad');
    await expect(updateUser(t.admin.actor, u.userId, { name: '', email: 'nope', extension: '12ab' } as never)).rejects.toMatchObject({
      issues: expect.arrayContaining([{ field: 'name', code: 'name.required' }, { field: 'email', code: 'email.format' }, { field: 'extension', code: 'extension.format' }]),
    });
    await expect(updateUser(t.admin.actor, u.userId, { password: 'x' } as never)).rejects.toMatchObject({ status: 400 });
    await expect(updateUser(t.subscriber.actor, u.userId, { name: 'x' })).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(t.admin.actor, other.subscriber.actor.userId, { name: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(updateUser(t.admin.actor, t.admin.actor.userId, { role: 'subscriber' })).rejects.toMatchObject({ status: 403 });
    expect((await updateUser(t.admin.actor, t.admin.actor.userId, { role: 'admin' })).role).toBe('admin');
  });

  it('the API lists, reads and patches users for admins only', async () => {
    const u = await newUser('api');
    const list = await call(listUsersRoute, 'GET', '/api/v1/users', { token: t.admin.token });
    expect(list.status).toBe(200);
    expect(list.json.items.map((x: { id: string }) => x.id)).toContain(u.userId);
    expect((await call(listUsersRoute, 'GET', '/api/v1/users', { token: t.subscriber.token })).status).toBe(403);
    const patched = await call(patchUser, 'PATCH', `/api/v1/users/${u.userId}`, { token: t.admin.token, params: { id: u.userId }, body: { name: 'Via API', extension: '6430' } });
    expect(patched).toMatchObject({ status: 200, json: { id: u.userId, name: 'Via API', extension: '6430', role: 'subscriber' } });
    const read = await call(getUserRoute, 'GET', `/api/v1/users/${u.userId}`, { token: t.admin.token, params: { id: u.userId } });
    expect(read.json).toEqual(patched.json);
    const bad = await call(patchUser, 'PATCH', `/api/v1/users/${u.userId}`, { token: t.admin.token, params: { id: u.userId }, body: { role: 'owner' } });
    expect(bad).toMatchObject({ status: 400, json: { errors: [{ field: 'role' }] } });
  });
});

describe('deleting an extension a user holds (issue 12)', () => {
  const idOf = async (number: string) => (await db().select().from(extensions).where(eq(extensions.number, number))).find((e) => e.tenantId === t.tenantId)!.id;

  it('asks what to do instead of leaving the user without one silently', async () => {
    const u = await newUser('ext-ask', '6440');
    const error = await deleteExtension(t.admin.actor, await idOf('6440')).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, issue: { field: 'onHeld', code: 'extension.onHeld' } });
    expect((await getUser(t.admin.actor, u.userId)).extension).toBe('6440');
  });

  it('detaches: the extension goes, the user stays without one', async () => {
    const u = await newUser('ext-detach', '6441');
    await deleteExtension(t.admin.actor, await idOf('6441'), { onHeld: 'detach' });
    expect((await getUser(t.admin.actor, u.userId)).extension).toBeNull();
  });

  it('reassigns to a new number or a free one, never to a held one or itself', async () => {
    const u = await newUser('ext-move', '6442');
    const other6443 = await newUser('ext-other', '6443');
    await expect(deleteExtension(t.admin.actor, await idOf('6442'), { onHeld: 'reassign', reassignTo: '6443' })).rejects.toMatchObject({ status: 409, issue: { field: 'reassignTo', code: 'extension.held' } });
    await expect(deleteExtension(t.admin.actor, await idOf('6442'), { onHeld: 'reassign' })).rejects.toMatchObject({ issues: [{ field: 'reassignTo', code: 'extension.reassignTo' }] });
    await expect(deleteExtension(t.admin.actor, await idOf('6442'), { onHeld: 'reassign', reassignTo: '6442' })).rejects.toMatchObject({ issues: [{ field: 'reassignTo', code: 'extension.reassignSame' }] });
    expect((await getUser(t.admin.actor, u.userId)).extension).toBe('6442');
    expect((await getUser(t.admin.actor, other6443.userId)).extension).toBe('6443');
    await deleteExtension(t.admin.actor, await idOf('6442'), { onHeld: 'reassign', reassignTo: '6444' });
    expect((await getUser(t.admin.actor, u.userId)).extension).toBe('6444');
  });

  it('deletes a free extension without asking', async () => {
    await createExtension(t.admin.actor, { number: '6445', name: 'Free' });
    await deleteExtension(t.admin.actor, await idOf('6445'));
    expect((await listExtensionsWithHolders(t.admin.actor)).map((e) => e.number)).not.toContain('6445');
  });
});

describe('the portal forms, as they send their fields (issue 12)', () => {
  const run = (key: keyof typeof actions, input: Record<string, unknown>) => executeAction(actions[key] as never, t.admin.actor, input, new Date());

  it('the edit dialog: an empty extension means none; a taken email comes back under its field', async () => {
    const u = await newUser('form', '6480');
    expect(await run('updateUser', { id: u.userId, name: 'Form User', email: u.email, role: 'subscriber', extension: '' })).toEqual({ ok: true, data: undefined });
    expect((await getUser(t.admin.actor, u.userId)).extension).toBeNull();
    expect(await run('updateUser', { id: u.userId, name: 'Form User', email: other.subscriber.actor.email, role: 'subscriber', extension: '' })).toEqual({
      ok: false,
      status: 409,
      code: 'email.taken',
      fieldErrors: { email: 'email.taken' },
    });
  });

  it('the extension delete dialog: no choice is asked for; an empty move-to number is named', async () => {
    await newUser('form-ext', '6481');
    const [row] = (await listExtensionsWithHolders(t.admin.actor)).filter((e) => e.number === '6481');
    expect(await run('deleteExtension', { id: row.id })).toMatchObject({ ok: false, status: 409, fieldErrors: { onHeld: 'extension.onHeld' } });
    expect(await run('deleteExtension', { id: row.id, onHeld: 'reassign', reassignTo: '' })).toMatchObject({ ok: false, status: 400, fieldErrors: { reassignTo: 'extension.reassignTo' } });
    expect(await run('deleteExtension', { id: row.id, onHeld: 'elsewhere' })).toMatchObject({ ok: false, status: 400, fieldErrors: { onHeld: 'extension.onHeld' } });
    expect(await run('deleteExtension', { id: row.id, onHeld: 'detach' })).toEqual({ ok: true, data: undefined });
  });
});

describe('password links (issue 12)', () => {
  it('forgot password: a link by email, stored hashed, working once for one hour; sessions end after the reset', async () => {
    const u = await newUser('forgot');
    const session = await openSession(u.userId);
    const mail = catcher();
    const now = new Date();
    await requestPasswordLink(u.email.toUpperCase(), now, mail);
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0].emails[0]).toMatchObject({ to: u.email, roomId: null, kind: 'password-forgot' });
    const token = linkIn(mail.sent[0]);
    const rows = await db().select().from(passwordResets).where(eq(passwordResets.userId, u.userId));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - now.getTime()).toBe(HOUR);

    expect(await passwordLinkWorks(token, new Date(now.getTime() + HOUR - 1000))).toBe(true);
    expect(await passwordLinkWorks(token, new Date(now.getTime() + HOUR + 1000))).toBe(false);
    await expect(resetPasswordWithLink(token, 'lantern-harbour-88', new Date(now.getTime() + HOUR + 1000))).rejects.toMatchObject({ issues: [{ field: 'token' }] });
    // A password the policy refuses leaves the link usable.
    await expect(resetPasswordWithLink(token, 'short', now)).rejects.toMatchObject({ issues: [{ field: 'password', code: 'password.tooShort' }] });
    await resetPasswordWithLink(token, 'lantern-harbour-88', now);
    expect(await actorForSession(session)).toBeNull();
    expect((await signInWithPassword({ email: u.email, password: 'lantern-harbour-88', address: '192.0.2.60' }, now)).outcome).toBe('signed-in');
    expect((await signInWithPassword({ email: u.email, password: 'correct horse', address: '192.0.2.60' }, now)).outcome).toBe('refused');
    await expect(resetPasswordWithLink(token, 'another-long-one-9', now)).rejects.toMatchObject({ issues: [{ field: 'token', code: 'passwordLink.invalid' }] });
  });

  it('an unknown or malformed email sends nothing and answers the same (nothing)', async () => {
    const mail = catcher();
    await expect(requestPasswordLink('nobody-here@u.example.com', new Date(), mail)).resolves.toBeUndefined();
    await expect(requestPasswordLink('not an email', new Date(), mail)).resolves.toBeUndefined();
    await expect(requestPasswordLink({ $ne: 1 }, new Date(), mail)).resolves.toBeUndefined();
    expect(mail.sent).toHaveLength(0);
  });

  it(`sends at most ${FORGOT_PER_HOUR} forgot-password emails per account and hour`, async () => {
    const u = await newUser('flood');
    const mail = catcher();
    const now = new Date();
    for (let i = 0; i < FORGOT_PER_HOUR + 2; i++) await requestPasswordLink(u.email, now, mail);
    expect(mail.sent).toHaveLength(FORGOT_PER_HOUR);
    await requestPasswordLink(u.email, new Date(now.getTime() + HOUR + 1), mail);
    expect(mail.sent).toHaveLength(FORGOT_PER_HOUR + 1);
  });

  it(`takes at most ${FORGOT_PER_ADDRESS} requests per client address in 15 minutes, apart from sign-in counts`, async () => {
    const now = new Date();
    for (let i = 0; i < FORGOT_PER_ADDRESS; i++) expect(await reserveForgotRequest('198.51.100.9', now)).toEqual({ allowed: true });
    expect(await reserveForgotRequest('198.51.100.9', new Date(now.getTime() + 60_000))).toEqual({ allowed: false, retryAfterSeconds: 14 * 60 });
    expect(await reserveForgotRequest('198.51.100.10', now)).toEqual({ allowed: true });
    expect((await signInWithPassword({ email: t.admin.actor.email, password: 'correct horse', address: '198.51.100.9' }, now)).outcome).toBe('signed-in');
    expect(await reserveForgotRequest('198.51.100.9', new Date(now.getTime() + 15 * 60_000))).toEqual({ allowed: true });
  });

  it('a newer password kills every other link of the user', async () => {
    const u = await newUser('two-links');
    const mail = catcher();
    const now = new Date();
    await requestPasswordLink(u.email, now, mail);
    await sendPasswordLink(t.admin.actor, u.userId, now, mail);
    const [first, second] = mail.sent.map(linkIn);
    await resetPasswordWithLink(second, 'lantern-harbour-99', now);
    expect(await passwordLinkWorks(first, now)).toBe(false);
  });

  it('an admin sends a 24-hour link through the outbox, only to their own tenant (API 202, 404, 403)', async () => {
    const u = await newUser('admin-link');
    const answer = await call(passwordLinkRoute, 'POST', `/api/v1/users/${u.userId}/password-link`, { token: t.admin.token, params: { id: u.userId } });
    expect(answer).toMatchObject({ status: 202, json: { sent: true } });
    const [stored] = await db().select().from(outboxMessages).where(eq(outboxMessages.to, u.email));
    expect(stored).toMatchObject({ kind: 'password-admin', tenantId: t.tenantId, roomId: null });
    expect(stored.text).toMatch(/\/reset-password\/cbr_/);
    const [row] = await db().select().from(passwordResets).where(eq(passwordResets.userId, u.userId));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * HOUR);
    expect((await call(passwordLinkRoute, 'POST', '/x', { token: other.admin.token, params: { id: u.userId } })).status).toBe(404);
    expect((await call(passwordLinkRoute, 'POST', '/x', { token: t.subscriber.token, params: { id: u.userId } })).status).toBe(403);
  });

  it('the French user reads French', async () => {
    const u = await newUser('fr');
    const mail = catcher();
    await requestPasswordLink(u.email, new Date(), mail);
    // The seeded tenant speaks French unless told otherwise.
    expect(mail.sent[0].emails[0].subject).toMatch(/mot de passe|password/);
  });
});
