import { expect, test } from '@playwright/test';
import { YEAR, local, signIn, users } from './helpers';

test('an admin keeps the extensions, the directory, the users and the tenant settings (T-2, T-3, M-1)', async ({ page }) => {
  const run = process.env.E2E_RUN;
  await signIn(page, users.admin());

  await page.getByRole('link', { name: 'Postes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Postes' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Postes' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Poste', { exact: true }).fill('2a');
  await page.getByLabel('Nom').fill('Salle Jupiter');
  await page.getByRole('button', { name: 'Ajouter un poste' }).click();
  await expect(page.getByLabel('Poste', { exact: true })).toHaveAccessibleDescription(/Un poste compte 2 à 10 chiffres/);
  await page.getByLabel('Poste', { exact: true }).fill('250');
  await page.getByRole('button', { name: 'Ajouter un poste' }).click();
  await expect(page.getByRole('row', { name: /250 Salle Jupiter/ })).toBeVisible();

  await page.getByRole('link', { name: 'Annuaire' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Annuaire' })).toBeVisible();
  await page.getByLabel('Nom').fill('Zoé Partenaire');
  await page.getByLabel('Numéro de téléphone').fill('+33612345678');
  await page.getByLabel('E-mail').fill('zoe@partner.example.com');
  await page.getByRole('button', { name: 'Ajouter une entrée' }).click();
  await expect(page.getByRole('row', { name: /Zoé Partenaire \+33612345678 zoe@partner\.example\.com/ })).toBeVisible();

  await page.getByRole('link', { name: 'Utilisateurs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Utilisateurs' })).toBeVisible();
  await page.getByLabel('Nom').fill('Chloé Nouvelle');
  await page.getByLabel('E-mail').fill(`chloe-${run}@e2e.example.com`);
  await page.getByLabel('Mot de passe').fill('court');
  await page.getByRole('button', { name: 'Ajouter un utilisateur' }).click();
  await expect(page.getByLabel('Mot de passe')).toHaveAccessibleDescription(/au moins 8 caractères/);
  await page.getByLabel('Mot de passe').fill('assez-long-1');
  await page.getByRole('button', { name: 'Ajouter un utilisateur' }).click();
  const chloe = page.getByRole('row', { name: /Chloé Nouvelle/ });
  await expect(chloe).toContainText('Abonné');
  await chloe.getByRole('button', { name: 'Supprimer Chloé Nouvelle' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
  await expect(chloe).toHaveCount(0);

  await page.getByRole('link', { name: 'Paramètres' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres du client' })).toBeVisible();
  await page.getByLabel('Numéros du portail').fill('0123');
  await page.getByLabel('Numéros internationaux').check();
  await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(page.getByLabel('Numéros du portail')).toHaveAccessibleDescription(/format E\.164/);
  await expect(page.getByLabel('Numéros du portail')).toHaveValue('0123');
  await expect(page.getByLabel('Numéros internationaux')).toBeChecked();
  await page.reload();
  await page.getByLabel('Refuser les appelants qui masquent leur numéro').check();
  await page.getByLabel('Numéros mobiles').check();
  await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(page.getByText('Les paramètres ont été enregistrés.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Refuser les appelants qui masquent leur numéro')).toBeChecked();
  await expect(page.getByLabel('Numéros mobiles')).toBeChecked();
  await expect(page.getByLabel('Numéros nationaux')).toBeChecked();
  await expect(page.getByLabel('Numéros internationaux')).not.toBeChecked();

  // M-1: the new directory entry is offered when adding a member.
  await page.getByRole('link', { name: 'Salles', exact: true }).click();
  await page.getByRole('link', { name: 'Nouvelle salle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle salle' })).toBeVisible();
  await page.getByLabel('Nom').fill('Point partenaires');
  await page.getByLabel('Début').fill(local(YEAR, 5, 10, '11:00').input);
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await page.getByRole('combobox', { name: 'Nom' }).fill('Zoé');
  await page.getByRole('option', { name: /Zoé Partenaire Annuaire/ }).click();
  await expect(page.getByRole('textbox', { name: 'E-mail', exact: true })).toHaveValue('zoe@partner.example.com');
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(page.getByRole('row', { name: /Zoé Partenaire Annuaire zoe@partner\.example\.com/ })).toBeVisible();
});

test('a user who still organizes rooms is not removed, and the confirmation says why', async ({ page }) => {
  await signIn(page, users.colleague());
  await page.goto('/rooms/new');
  await page.getByLabel('Nom').fill('Revue des ventes');
  await page.getByLabel('Début').fill(local(YEAR, 4, 12, '15:00').input);
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Revue des ventes');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  await signIn(page, users.admin());
  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'Supprimer Bernard Dupont' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/organise encore des salles/);
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByRole('row', { name: /Bernard Dupont/ })).toBeVisible();
});
