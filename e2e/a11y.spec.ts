import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { YEAR, local, signIn, uniqueRoomNumber, users } from './helpers';

/** no serious or critical axe violation on any page, in the state a user sees it. */
async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(blocking, what).toEqual([]);
}

test('every page passes axe-core', async ({ page }) => {
  await page.goto('/sign-in');
  await expectAccessible(page, 'sign-in');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.locator('#sign-in-error')).toBeVisible();
  await expectAccessible(page, 'sign-in with an error');

  await signIn(page, users.admin());
  await expectAccessible(page, 'rooms list');

  await page.goto('/rooms/new');
  await expectAccessible(page, 'create room');
  await page.getByLabel('Code PIN', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await expect(page.getByLabel('Code PIN', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'create room with field errors');

  await page.getByLabel('Nom').fill('Comité de direction');
  await page.getByLabel('Numéro de salle').fill(uniqueRoomNumber());
  await page.getByLabel('Code PIN', { exact: true }).fill('123456');
  await page.getByLabel('Début').fill(local(YEAR, 2, 1, '09:00').input);
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La salle a été créée.' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Nom' }).fill('Invité');
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(page.getByRole('heading', { name: 'Membres (1)' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Nom' }).fill('Sam');
  await expect(page.getByRole('option').first()).toBeVisible();
  await expectAccessible(page, 'room detail with the name search open');

  await page.getByRole('button', { name: 'Supprimer la salle' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'delete confirmation');
  await page.getByRole('button', { name: 'Annuler' }).click();

  await page.getByRole('button', { name: 'Modifier Invité' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'member edit dialog');
  await page.getByRole('button', { name: 'Annuler' }).click();

  await page.getByRole('link', { name: 'Modifier', exact: true }).click();
  await expectAccessible(page, 'edit room');

  for (const [path, what] of [
    ['/admin/extensions', 'extensions'],
    ['/admin/directory', 'directory'],
    ['/admin/users', 'users'],
    ['/admin/settings', 'tenant settings'],
    ['/admin/outbox', 'outbox'],
    ['/admin/webhooks', 'webhooks'],
    ['/live', 'live now'],
  ]) {
    await page.goto(path);
    await expectAccessible(page, what);
  }

  await page.goto('/admin/settings');
  await page.getByLabel('Numéros du portail').fill('0123');
  await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(page.getByLabel('Numéros du portail')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'tenant settings with a field error');

  await page.goto('/rooms/00000000-0000-0000-0000-000000000000');
  await expectAccessible(page, 'not found');
});
