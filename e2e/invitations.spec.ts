import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signIn, uniqueRoomNumber, users } from './helpers';

/**
 * M-3, M-5, E-6: the organizer presses "Send invitation", sees each member's status change, and
 * (as an admin, with the outbox as transport) reads the emails in the outbox page.
 */
test('Send invitation emails the members once and the outbox page shows the messages', async ({ page }) => {
  await signIn(page, users.admin());
  const name = `Point d'équipe ${process.env.E2E_RUN} ${uniqueRoomNumber()}`;
  await page.goto('/rooms/new');
  await page.getByLabel('Nom').fill(name);
  await page.getByLabel('Numéro de salle').fill(uniqueRoomNumber());
  await page.getByLabel('Début').fill('2027-02-10T09:00');
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);

  const invitee = `invitee-${process.env.E2E_RUN}@example.com`;
  await page.getByRole('combobox', { name: 'Nom' }).fill('Iris Invitée');
  await page.getByLabel('E-mail', { exact: true }).fill(invitee);
  await page.getByLabel('Envoyer les e-mails').check();
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(page.getByRole('heading', { name: 'Membres (1)' })).toBeVisible();

  const statuses = page.getByRole('list', { name: 'Où en sont les e-mails de chaque membre' });
  const iris = statuses.getByTestId('invitation-status').filter({ hasText: 'Iris Invitée' });
  await expect(page.getByText("1 membre recevra l'invitation. L'organisateur en recevra une copie.")).toBeVisible();
  await expect(iris).toContainText('Pas encore invité');

  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText('Invitation envoyée à 1 membre.')).toBeVisible();
  await expect(iris).toContainText(/Invité le \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
  await expect(statuses.getByTestId('invitation-status').filter({ hasText: 'organisateur, copie' })).toContainText('Invité le');

  // M-5: pressing again invites nobody twice.
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText('Personne de nouveau à inviter.')).toBeVisible();

  await page.getByRole('link', { name: "Voir les e-mails dans la boîte d'envoi" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Boîte d'envoi" })).toBeVisible();
  const messages = page.getByTestId('outbox-message').filter({ hasText: name });
  await expect(messages).toHaveCount(2);
  await expect(messages.filter({ hasText: invitee }).getByRole('cell').nth(1)).toHaveText('Invitation');

  await messages.filter({ hasText: invitee }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Invitation : ${name}`) })).toBeVisible();
  await expect(page.frameLocator('iframe').getByText('Depuis un poste de l\'entreprise, composez simplement *72.')).toBeVisible();
  await page.getByText('Pièce jointe invite.ics').click();
  await expect(page.getByText(/METHOD:REQUEST/)).toBeVisible();

  // The email itself is shown in a sandboxed frame: it is the message under review, not the
  // page (and axe's multi-frame mode cannot open its helper tab next to it).
  const axe = await new AxeBuilder({ page }).exclude('iframe').setLegacyMode().analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
