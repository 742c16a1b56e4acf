import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn, users } from './helpers';

/**
 * Issue 12: users are edited and get password links; a held extension is never deleted silently;
 * "forgot password" from the sign-in page; CSV imports with a preview. Every page fits 390 px.
 */
const run = promisify(execFile);
async function cli(...args: string[]) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', '--json', ...args], { env: { ...process.env, DATA_DIR: '.data-e2e' } });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

/** The link of the newest email to `to`, read from the outbox as the user would from their mailbox. */
async function linkSentTo(to: string): Promise<string> {
  const { items } = await cli('outbox', 'list');
  const newest = items.find((m: { to: string }) => m.to === to);
  expect(newest, `an email to ${to}`).toBeTruthy();
  const message = await cli('outbox', 'show', newest.id);
  return new URL(/https?:\/\/\S+\/reset-password\/cbr_[\w-]+/.exec(message.text)![0]).pathname;
}

async function fits390(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

const tag = () => process.env.E2E_RUN ?? String(Date.now());

test('an admin edits a user and sends a password link; the user chooses a new password once (issue 12)', async ({ page, browser }) => {
  const email = `uma-${tag()}@e2e.example.com`;
  expect((await cli('user', 'create', '--tenant-id', await tenantOfAdmin(), '--email', email, '--password', 'e2e-password-1', '--role', 'subscriber', '--name', 'Uma Users', '--extension', '6450')).userId).toBeTruthy();
  await signIn(page, users.admin());
  await page.goto('/admin/users');
  const row = page.getByRole('row', { name: /Uma Users/ });
  await row.getByRole('button', { name: 'Modifier Uma Users' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('E-mail').fill(users.subscriber());
  await dialog.getByLabel('Poste').fill('6451');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByLabel('E-mail')).toHaveAccessibleDescription('Cette adresse e-mail ne peut pas être utilisée.');
  await expect(dialog.getByLabel('E-mail')).toBeFocused();
  await dialog.getByLabel('Nom').fill('Uma Renommée');
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByLabel('Rôle').selectOption('admin');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  const renamed = page.getByRole('row', { name: /Uma Renommée/ });
  await expect(renamed).toContainText('6451');
  await expect(renamed).toContainText('Administrateur');

  await renamed.getByRole('button', { name: 'Lien de mot de passe pour Uma Renommée' }).click();
  await expect(dialog).toContainText(email);
  await dialog.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(dialog.getByRole('status')).toHaveText("L'e-mail a été envoyé.");
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  const link = await linkSentTo(email);

  const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Choisir un nouveau mot de passe');
  await visitor.getByLabel('Nouveau mot de passe', { exact: true }).fill('lantern-harbour-42');
  await visitor.getByLabel('Nouveau mot de passe, à nouveau').fill('lantern-harbour-43');
  await visitor.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(visitor.getByLabel('Nouveau mot de passe, à nouveau')).toHaveAccessibleDescription('Les deux mots de passe diffèrent.');
  await visitor.getByLabel('Nouveau mot de passe', { exact: true }).fill('lantern-harbour-42');
  await visitor.getByLabel('Nouveau mot de passe, à nouveau').fill('lantern-harbour-42');
  await visitor.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(visitor.getByRole('status')).toContainText('Votre mot de passe a été changé.');
  await visitor.goto(link);
  await expect(visitor.getByRole('main').getByRole('alert')).toHaveText('Ce lien a expiré ou a déjà servi.');

  await visitor.goto('/sign-in');
  await visitor.getByLabel(/adresse e-mail/i).fill(email);
  await visitor.getByLabel(/mot de passe/i).fill('lantern-harbour-42');
  await visitor.getByRole('button', { name: /se connecter/i }).click();
  await expect(visitor).toHaveURL(/\/rooms/);
  await visitor.context().close();
});

test('forgot password: the same answer for any email, a one-hour link for a known one (issue 12)', async ({ page }) => {
  const email = `fiona-${tag()}@e2e.example.com`;
  await cli('user', 'create', '--tenant-id', await tenantOfAdmin(), '--email', email, '--password', 'e2e-password-1', '--role', 'subscriber', '--name', 'Fiona Forgets');
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe oublié ?');
  await page.getByLabel('Adresse e-mail').fill('pas une adresse');
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByLabel('Adresse e-mail')).toHaveAccessibleDescription('Indiquez une adresse e-mail valide.');
  await page.getByLabel('Adresse e-mail').fill(`nobody-${tag()}@e2e.example.com`);
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  const unknownAnswer = (await page.getByRole('status').textContent())!.replace(/\S+@\S+/, 'EMAIL');
  await page.reload();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByRole('status')).toContainText('pendant une heure');
  expect((await page.getByRole('status').textContent())!.replace(/\S+@\S+/, 'EMAIL')).toBe(unknownAnswer);
  // The email goes out after the answer (and each look is a CLI process): wait for it.
  await expect.poll(() => linkSentTo(email).catch(() => null), { timeout: 45_000 }).toMatch(/^\/reset-password\/cbr_/);
  await fits390Page(page, '/forgot-password');
});

test('deleting an extension a user holds asks what becomes of the user (issue 12)', async ({ page }) => {
  await cli('user', 'create', '--tenant-id', await tenantOfAdmin(), '--email', `xavier-${tag()}@e2e.example.com`, '--password', 'e2e-password-1', '--role', 'subscriber', '--name', 'Xavier Extension', '--extension', '6460');
  await signIn(page, users.admin());
  await page.goto('/admin/extensions');
  const row = page.getByRole('row', { name: /^6460/ });
  await expect(row).toContainText('Xavier Extension');
  await row.getByRole('button', { name: /Supprimer 6460/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Le poste 6460 est attribué à Xavier Extension.');
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await expect(dialog.getByRole('alert')).toContainText('choisissez ce qu');
  await dialog.getByLabel('Déplacer Xavier Extension vers un autre poste').check();
  await dialog.getByLabel('Poste de destination').fill('6461');
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByRole('row', { name: /^6460/ })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /^6461/ })).toContainText('Xavier Extension');
  await page.goto('/admin/users');
  await expect(page.getByRole('row', { name: /Xavier Extension/ })).toContainText('6461');
});

test('a CSV import shows every line first and writes the valid lines only when asked (issue 12)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, users.admin());
  await page.goto('/admin/directory');
  await page.getByRole('link', { name: 'Importer un fichier CSV' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importer un fichier CSV');
  await expect(page.getByLabel("Entrées d'annuaire")).toBeChecked();
  const name = `Import ${tag()}`;
  const csv = `Nom;Numéro;E-mail\n${name};+33655${tag().slice(-6).replace(/\D/g, '0')};\nMauvais numéro;12ab;\n`;
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'annuaire.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByLabel('Lignes du fichier')).toHaveValue(csv);
  await page.getByRole('button', { name: 'Aperçu' }).click();
  await expect(page.getByText('1 ligne valide, 1 ligne en erreur.')).toBeVisible();
  // At 390 px each line is a card: line 3 shows its value and what is wrong with it.
  await expect(page.getByRole('listitem').filter({ hasText: 'Ligne 3' })).toContainText(/Mauvais numéro.*ne contient que des chiffres/);
  await expect(page.getByText("Rien n'est écrit tant qu'une ligne est fausse.")).toBeVisible();
  await fits390(page);
  await page.getByRole('button', { name: 'Importer la ligne valide' }).click();
  await expect(page.getByRole('status')).toHaveText('1 ligne importée, 1 ignorée.');
  await page.goto('/admin/directory');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  await expect(page.getByRole('row', { name: /Mauvais numéro/ })).toHaveCount(0);
});

test('the users, extensions and password pages fit a 390 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/forgot-password', '/reset-password/cbr_not-a-real-link']) await fits390Page(page, path);
  await signIn(page, users.admin());
  for (const path of ['/admin/users', '/admin/extensions', '/admin/import']) await fits390Page(page, path);
  await page.goto('/admin/users');
  await page.getByRole('button', { name: /^Modifier / }).first().click();
  const box = await page.getByRole('dialog').boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await fits390(page);
});

/** Q-2, as in a11y.spec.ts: no serious or critical axe violation. */
async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(blocking, what).toEqual([]);
}

test('the new pages and dialogs pass axe-core, also with errors shown', async ({ page }) => {
  await page.goto('/forgot-password');
  await expectAccessible(page, 'forgot password');
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'forgot password with an error');
  await page.goto('/reset-password/cbr_unknown');
  await expectAccessible(page, 'reset with a dead link');

  await signIn(page, users.admin());
  await page.goto('/admin/users');
  await page.getByRole('button', { name: /^Modifier / }).first().click();
  await page.getByRole('dialog').getByLabel('E-mail').fill('pas une adresse');
  await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('dialog').getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'user edit dialog with an error');
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
  await page.getByRole('button', { name: /^Lien de mot de passe pour / }).first().click();
  await expectAccessible(page, 'password link dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();

  await page.goto('/admin/extensions');
  await page.getByRole('button', { name: /^Supprimer 201/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toBeVisible();
  await expectAccessible(page, 'held extension dialog with its question');
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();

  await page.goto('/admin/import?kind=users');
  await page.getByLabel('Lignes du fichier').fill('email,role\nok@e2e.example.com,\nbad,owner\n');
  await page.getByRole('button', { name: 'Aperçu' }).click();
  await expect(page.getByText('1 ligne valide, 1 ligne en erreur.')).toBeVisible();
  await expectAccessible(page, 'import preview with errors');
});

async function fits390Page(page: Page, path: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(path);
  await fits390(page);
}

/** The e2e tenant (global-setup). */
async function tenantOfAdmin(): Promise<string> {
  return process.env.E2E_TENANT_ID ?? '';
}
