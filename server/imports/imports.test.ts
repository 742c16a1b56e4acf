import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as importRoute } from '@/app/api/v1/imports/[kind]/route';
import { signInWithPassword } from '@/server/auth/sign-in';
import { db } from '@/server/db/client';
import { directoryEntries, users } from '@/server/db/schema';
import { listExtensionsWithHolders } from '@/server/directory/service';
import type { MailTransport, SendRequest } from '@/server/mail/transport';
import { resetPasswordWithLink } from '@/server/users/password-links';
import { listUsers } from '@/server/users/service';
import { call } from '@/test/api/client';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { MAX_IMPORT_LINES } from './csv';
import { previewImport, runImport } from './service';

useTestDatabase();

let t: SeededTenant;
let other: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('I');
  other = await seedTenant('J');
});

function catcher(): MailTransport & { sent: SendRequest[] } {
  const sent: SendRequest[] = [];
  return { name: 'outbox', sent, send: async (request) => (sent.push(request), { ok: true, providerIds: ['x'] }) };
}
const directoryOf = async (tenantId: string) => db().select().from(directoryEntries).where(eq(directoryEntries.tenantId, tenantId));

describe('CSV import of directory entries (issue 12)', () => {
  const csv = '\ufeffNom;Numéro;E-mail\r\nÉlodie Martin;+33611111111;elodie@example.com\r\n"Dupont; Fils";0122334455;\r\n;0100000000;x@example.com\r\nBad number;12ab;\r\nAgain;+33611111111;\r\n';

  it('previews line by line, with the line numbers a spreadsheet shows, and writes nothing', async () => {
    const before = (await directoryOf(t.tenantId)).length;
    const preview = await previewImport(t.admin.actor, { kind: 'directory', csv });
    expect(preview).toMatchObject({ kind: 'directory', valid: 2, invalid: 3 });
    expect(preview.lines.map((l) => [l.line, l.errors])).toEqual([
      [2, []],
      [3, []],
      [4, [{ field: 'name', code: 'name.required' }]],
      [5, [{ field: 'number', code: 'number.format' }]],
      [6, [{ field: 'number', code: 'directoryEntry.duplicate' }]],
    ]);
    expect(preview.lines[1].values).toEqual({ name: 'Dupont; Fils', number: '0122334455', email: '' });
    expect((await directoryOf(t.tenantId)).length).toBe(before);
  });

  it('"all" refuses the whole file while a line is wrong, naming each line and field; "valid" writes the valid lines only', async () => {
    const before = (await directoryOf(t.tenantId)).length;
    const refused = await runImport(t.admin.actor, { kind: 'directory', csv, mode: 'all' }, new Date()).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 400, issues: expect.arrayContaining([{ field: 'lines.4.name', code: 'name.required' }, { field: 'lines.5.number', code: 'number.format' }]) });
    expect((await directoryOf(t.tenantId)).length).toBe(before);
    expect(await runImport(t.admin.actor, { kind: 'directory', csv, mode: 'valid' }, new Date())).toEqual({ imported: 2, skipped: 3 });
    const names = (await directoryOf(t.tenantId)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Élodie Martin', 'Dupont; Fils']));
    // The same file again adds nothing: every line is now a duplicate.
    expect((await previewImport(t.admin.actor, { kind: 'directory', csv })).valid).toBe(0);
    expect((await directoryOf(other.tenantId)).map((e) => e.name)).not.toContain('Élodie Martin');
  });

  it('refuses unreadable files as a whole, naming the file', async () => {
    const cases: [string, string][] = [
      ['', 'import.empty'],
      ['name,number\n"unclosed,1\n', 'import.malformed'],
      ['nom,salary\nA,1\n', 'import.columns'],
      ['number\n123\n', 'import.columns'],
      [`name\n${'x\n'.repeat(MAX_IMPORT_LINES + 1)}`, 'import.tooLarge'],
    ];
    for (const [text, code] of cases) await expect(previewImport(t.admin.actor, { kind: 'directory', csv: text }), code).rejects.toMatchObject({ issues: [{ field: 'csv', code }] });
    const preview = await previewImport(t.admin.actor, { kind: 'directory', csv: 'name,number\nA,1234,extra\n' });
    expect(preview.lines[0].errors).toEqual([{ field: 'line', code: 'import.cells' }]);
  });

  it('is for admins only', async () => {
    await expect(previewImport(t.subscriber.actor, { kind: 'directory', csv: 'name\nA' })).rejects.toMatchObject({ status: 403 });
    await expect(runImport(t.subscriber.actor, { kind: 'directory', csv: 'name\nA', mode: 'all' }, new Date())).rejects.toMatchObject({ status: 403 });
  });
});

describe('CSV import of users (issue 12)', () => {
  it('checks emails (taken anywhere, neutrally), roles, extensions (held, repeated); imports with welcome links', async () => {
    await db().insert(users).values({ tenantId: t.tenantId, email: 'held-6470@imp.example.com', name: 'Holder', role: 'subscriber', passwordHash: '!' });
    const csv = [
      'E-mail,Nom,Rôle,Poste',
      'new.one@imp.example.com,New One,Administrateur,6471',
      'new.two@imp.example.com,,,',
      `${other.admin.actor.email},Foreign,abonné,`,
      'new.one@imp.example.com,Twice,subscriber,',
      'bad-role@imp.example.com,Bad,owner,',
      `bad-ext@imp.example.com,Bad,subscriber,201`,
      'dup-ext@imp.example.com,Dup,subscriber,6471',
    ].join('\n');
    const preview = await previewImport(t.admin.actor, { kind: 'users', csv });
    expect(preview.lines.map((l) => l.errors.map((e) => `${e.field}:${e.code}`))).toEqual([
      [],
      [],
      ['email:email.taken'],
      ['email:import.duplicate'],
      ['role:role.choice'],
      ['extension:extension.held'],
      ['extension:import.duplicate'],
    ]);
    const mail = catcher();
    expect(await runImport(t.admin.actor, { kind: 'users', csv, mode: 'valid' }, new Date(), mail)).toEqual({ imported: 2, skipped: 5, linksSent: 2 });
    const listed = await listUsers(t.admin.actor);
    expect(listed.find((u) => u.email === 'new.one@imp.example.com')).toMatchObject({ name: 'New One', role: 'admin', extension: '6471' });
    expect(listed.find((u) => u.email === 'new.two@imp.example.com')).toMatchObject({ name: 'new.two', role: 'subscriber', extension: null });
    expect((await listExtensionsWithHolders(t.admin.actor)).find((e) => e.number === '6471')).toMatchObject({ name: 'New One' });

    // Nobody signs in before choosing a password through the welcome link (72 hours).
    const now = new Date();
    expect((await signInWithPassword({ email: 'new.one@imp.example.com', password: '!', address: '192.0.2.70' }, now)).outcome).toBe('refused');
    const welcome = mail.sent.find((r) => r.emails[0].to === 'new.one@imp.example.com')!.emails[0];
    expect(welcome.kind).toBe('password-welcome');
    const token = /\/reset-password\/(cbr_[\w-]+)/.exec(welcome.text)![1];
    await resetPasswordWithLink(token, 'first-password-71', new Date(now.getTime() + 71 * 3_600_000));
    expect((await signInWithPassword({ email: 'new.one@imp.example.com', password: 'first-password-71', address: '192.0.2.70' }, now)).outcome).toBe('signed-in');
  });
});

describe('POST /api/v1/imports/{kind} (issue 12)', () => {
  it('previews (200), refuses a wrong file (400 naming lines), imports (201), for admins only', async () => {
    const params = { kind: 'directory' };
    const body = { csv: 'name,number\nAPI One,+33622222222\nAPI Bad,x\n' };
    const preview = await call(importRoute, 'POST', '/api/v1/imports/directory', { token: t.admin.token, params, body });
    expect(preview).toMatchObject({ status: 200, json: { valid: 1, invalid: 1 } });
    const refused = await call(importRoute, 'POST', '/api/v1/imports/directory', { token: t.admin.token, params, body: { ...body, mode: 'all' } });
    expect(refused).toMatchObject({ status: 400, json: { errors: [{ field: 'lines.3.number', message: expect.any(String) }] } });
    const written = await call(importRoute, 'POST', '/api/v1/imports/directory', { token: t.admin.token, params, body: { ...body, mode: 'valid' } });
    expect(written).toMatchObject({ status: 201, json: { imported: 1, skipped: 1 } });
    expect((await call(importRoute, 'POST', '/x', { token: t.subscriber.token, params, body })).status).toBe(403);
    expect((await call(importRoute, 'POST', '/x', { token: t.admin.token, params: { kind: 'rooms' }, body })).status).toBe(404);
  });
});
