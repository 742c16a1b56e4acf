import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator } from '@playwright/test';
import { YEAR, local, signIn, uniqueRoomNumber, users } from './helpers';

const start = local(YEAR, 2, 10, '10:00');

/** The value shown beside a label in a list of facts. */
const fact = (section: Locator, label: string) =>
  section.locator('div').filter({ has: section.page().locator('dt', { hasText: label }) }).locator('dd');

test('the organizer sets the options of a room, sees them, and only the organizer sees the moderator PIN (C-7, C-8)', async ({ page, browser }) => {
  await signIn(page, users.subscriber());
  // Another spec may have left this subscriber's profile in English.
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.goto('/rooms/new');
  await page.getByLabel('Nom').fill(`Options ${process.env.E2E_RUN}`);
  await page.getByLabel('Numéro de salle').fill(uniqueRoomNumber());
  await page.getByLabel('Début').fill(start.input);
  await page.getByLabel('Code PIN modérateur').fill('97531');
  // The defaults: tones and the recording announcement on, 60 participants, the report to the organizer.
  await expect(page.getByLabel('Un signal sonore à chaque arrivée et départ')).toBeChecked();
  await expect(page.getByLabel('Limite de participants')).toHaveValue('60');
  await expect(page.getByLabel("À l'organisateur")).toBeChecked();
  await expect(page.getByLabel('Adresse du compte rendu')).toHaveCount(0);

  await page.getByLabel('Les participants entrent micro coupé').check();
  await page.getByLabel('Attendre un modérateur').check();
  await page.getByLabel('Un signal sonore à chaque arrivée et départ').uncheck();
  await page.getByLabel('Limite de participants').fill('501');
  await page.getByLabel('À une autre adresse').check();
  await page.getByLabel('Adresse du compte rendu').fill('rapports@example.com');
  await page.getByRole('button', { name: 'Créer la salle' }).click();

  // refused on its field, with everything typed kept.
  const limit = page.getByLabel('Limite de participants');
  await expect(limit).toHaveAccessibleDescription(/doit être un entier de 2 à 500/);
  await expect(page.getByLabel('Les participants entrent micro coupé')).toBeChecked();
  await expect(page.getByLabel('Un signal sonore à chaque arrivée et départ')).not.toBeChecked();
  await expect(page.getByLabel('Adresse du compte rendu')).toHaveValue('rapports@example.com');
  await limit.fill('12');
  await page.getByRole('button', { name: 'Créer la salle' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'La salle a été créée.' })).toBeVisible();
  const options = page.getByRole('region', { name: 'Pendant la conférence' });
  await expect(fact(options, 'Les participants entrent micro coupé')).toHaveText('Oui');
  await expect(fact(options, 'Attendre un modérateur')).toHaveText('Oui');
  await expect(fact(options, 'Un signal sonore à chaque arrivée et départ')).toHaveText('Non');
  await expect(fact(options, 'Limite de participants')).toHaveText('12');
  await expect(fact(options, 'Compte rendu après chaque conférence')).toHaveText('rapports@example.com');
  await expect(page.getByText('97531')).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  const roomUrl = page.url().replace(/\?.*$/, '');

  await page.getByRole('link', { name: 'Modifier' }).click();
  await expect(page.getByLabel('Les participants entrent micro coupé')).toBeChecked();
  await expect(page.getByLabel('Limite de participants')).toHaveValue('12');
  await expect(page.getByLabel('À une autre adresse')).toBeChecked();
  await page.getByLabel('Pas de compte rendu').check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(fact(page.getByRole('region', { name: 'Pendant la conférence' }), 'Compte rendu après chaque conférence')).toHaveText('Pas de compte rendu');

  // Issue 13.9: a colleague of the same tenant reads the room but not its moderator PIN.
  const colleague = await browser.newPage();
  await signIn(colleague, users.colleague());
  await colleague.goto(roomUrl);
  await expect(colleague.getByRole('heading', { level: 1 })).toContainText('Options');
  await expect(colleague.getByText('Code PIN modérateur')).toHaveCount(0);
  await expect(colleague.getByText('97531')).toHaveCount(0);
  await colleague.close();
});
