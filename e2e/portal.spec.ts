import { expect, test } from '@playwright/test';
import { YEAR, bookPastRoom, lastSunday, local, signIn, uniqueRoomNumber, users } from './helpers';

const first = local(YEAR, 1, 15, '10:30');
// the spring-forward gap and the repeated fall-back hour in Europe/Paris.
const gap = local(YEAR, 3, lastSunday(YEAR, 3), '02:30');
const repeated = local(YEAR, 10, lastSunday(YEAR, 10), '02:30');

test.describe.configure({ mode: 'serial' });

test('a new subscriber books a room with two members, edits it, and switches language', async ({ page }) => {
  await signIn(page, users.subscriber());
  await expect(page.getByRole('heading', { level: 1, name: 'Salles' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  // a free room number and a 6-digit PIN are proposed.
  await page.getByRole('link', { name: 'Nouvelle salle' }).click();
  await expect(page.getByLabel('Numéro de salle')).toHaveValue(/^\d{6,7}$/);
  await expect(page.getByLabel('Code PIN', { exact: true })).toHaveValue(/^\d{6}$/);

  const roomNumber = uniqueRoomNumber();
  const name = `Revue trimestrielle ${process.env.E2E_RUN}`;
  await page.getByLabel('Nom').fill(name);
  await page.getByLabel('Numéro de salle').fill(roomNumber);
  // typed in the tenant's zone (Europe/Paris, winter time).
  await page.getByLabel('Début').fill(first.input);
  await page.getByLabel('Durée').selectOption('60');
  await page.getByRole('button', { name: 'Créer la salle' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'La salle a été créée.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.getByText(first.shown)).toBeVisible();
  await expect(page.getByText(/appelez le \+331\d+ \(ou \*72 depuis votre poste\), tapez \d+ puis #, et le code PIN \d{6} puis #/)).toBeVisible();

  // M-1: a colleague found by typing part of their name, then a free name with an email.
  const nameBox = page.getByRole('combobox', { name: 'Nom' });
  await nameBox.fill('Bern');
  await expect(page.getByRole('option', { name: /Bernard Dupont/ })).toBeVisible();
  await nameBox.press('ArrowDown');
  await nameBox.press('Enter');
  await expect(page.getByText('Le poste 202 sera ajouté.')).toBeVisible();
  await page.getByLabel('Envoyer les e-mails').check();
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(page.getByRole('heading', { name: 'Membres (1)' })).toBeVisible();

  await nameBox.fill('Claire Invitée');
  await page.getByRole('textbox', { name: 'E-mail', exact: true }).fill('claire@example.com');
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(page.getByRole('heading', { name: 'Membres (2)' })).toBeVisible();
  const members = page.getByRole('table');
  await expect(members.getByRole('row', { name: /Bernard Dupont Poste 202 .* Oui/ })).toBeVisible();
  await expect(members.getByRole('row', { name: /Claire Invitée Nom seul claire@example\.com Non/ })).toBeVisible();

  // M-2: editing a member replaces it with the changed one.
  await page.getByRole('button', { name: 'Modifier Claire Invitée' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier ce membre' });
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill('pas-une-adresse');
  await dialog.getByLabel('Envoyer les e-mails').check();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('textbox', { name: 'E-mail' })).toHaveAccessibleDescription('Indiquez une adresse e-mail valide.');
  await expect(dialog.getByLabel('Envoyer les e-mails')).toBeChecked();
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill('claire.dubois@example.com');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(members.getByRole('row', { name: /Claire Invitée Nom seul claire\.dubois@example\.com Oui/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Membres (2)' })).toBeVisible();

  // listed with the local start, the window (5 minutes early) and its status.
  await page.getByRole('link', { name: 'Salles', exact: true }).click();
  const row = page.locator(`tr[data-room-number="${roomNumber}"]`);
  await expect(row).toContainText(name);
  await expect(row).toContainText(first.shown);
  await expect(row).toContainText('10:25 – 11:30');
  await expect(row.getByText('Planifiée')).toBeVisible();

  // a bad PIN and a start in the spring-forward gap are both refused, each under its field.
  await row.getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'Modifier', exact: true }).click();
  await page.getByLabel('Code PIN', { exact: true }).fill('12ab');
  await page.getByLabel('Début').fill(gap.input);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const pin = page.getByLabel('Code PIN', { exact: true });
  const start = page.getByLabel('Début');
  await expect(pin).toHaveAccessibleDescription(/Le code PIN doit compter 4 à 12 chiffres/);
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await expect(start).toBeFocused();
  await expect(start).toHaveAccessibleDescription(/Cette heure n'existe pas dans le fuseau horaire/);
  await expect(pin).toHaveValue('12ab');

  // a time repeated when the clocks go back is taken as its first occurrence, and said so.
  await pin.fill('246810');
  await start.fill(repeated.input);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'la première occurrence a été retenue' })).toBeVisible();
  await expect(page.getByText(repeated.shown)).toBeVisible();
  await expect(page.getByText('246810', { exact: true })).toBeVisible();

  // the choice of language applies at once and is remembered on the profile.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: 'Rooms', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rooms' })).toBeVisible();
  // Issue 12 #8: English words, day-first dates for a tenant in Europe (the browser names no English variant).
  await expect(page.locator(`tr[data-room-number="${roomNumber}"]`)).toContainText(`${lastSunday(YEAR, 10)}/10/${YEAR}, 02:30`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('an open room shows as open, and a subscriber cannot reach the admin pages', async ({ page }) => {
  await signIn(page, users.colleague());
  // The wall-clock time in Paris now, as the tenant's users would type it.
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  await page.goto('/rooms/new');
  const roomNumber = uniqueRoomNumber();
  await page.getByLabel('Nom').fill('Point du jour');
  await page.getByLabel('Numéro de salle').fill(roomNumber);
  await page.getByLabel('Début').fill(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ouverte');

  // A member is removed, then the room itself, each after a confirmation.
  await page.getByRole('combobox', { name: 'Nom' }).fill('Denise');
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await page.getByRole('button', { name: 'Retirer Denise' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Retirer' }).click();
  await expect(page.getByRole('heading', { name: 'Membres (0)' })).toBeVisible();
  await page.getByRole('button', { name: 'Supprimer la salle' }).click();
  await expect(page.getByRole('dialog')).toContainText('Point du jour');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: 'Supprimer la salle' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
  await expect(page).toHaveURL(/\/rooms\?filter=all/);
  await expect(page.locator(`tr[data-room-number="${roomNumber}"]`)).toHaveCount(0);

  await expect(page.getByRole('link', { name: 'Paramètres' })).toHaveCount(0);
  const response = await page.goto('/admin/settings');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
});

test('an expired room stays listed and is rescheduled with a new start (R-5)', async ({ page }) => {
  await signIn(page, users.colleague());
  const roomNumber = uniqueRoomNumber();
  const id = await bookPastRoom(users.colleague(), roomNumber, 'Réunion passée', new Date(Date.UTC(YEAR - 2, 0, 5, 8, 0)));
  await page.goto(`/rooms/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Expirée');

  await page.getByRole('link', { name: 'Salles', exact: true }).click();
  await expect(page.locator(`tr[data-room-number="${roomNumber}"]`)).toHaveCount(0);
  await page.getByRole('link', { name: 'Expirées' }).click();
  await page.locator(`tr[data-room-number="${roomNumber}"]`).getByRole('link').click();
  await page.getByRole('link', { name: 'Replanifier' }).click();
  await expect(page.getByText('Cette salle a expiré.')).toBeVisible();
  await page.getByLabel('Début').fill(local(YEAR, 6, 1, '14:00').input);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Planifiée');
  await expect(page.getByText(local(YEAR, 6, 1, '14:00').shown)).toBeVisible();
});

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Adresse e-mail').fill(users.subscriber());
  await page.getByLabel('Mot de passe').fill('not the password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText("L'adresse e-mail ou le mot de passe est incorrect.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('signed out, the language follows the browser and the switcher remembers a choice (Q-1)', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Email address')).toBeVisible();
});

test('bad addresses get the not-found page or a sensible default, never a server error (Q-5, T-1)', async ({ page }) => {
  await signIn(page, users.colleague());
  for (const path of ['/rooms/not-a-room', '/rooms/00000000-0000-0000-0000-000000000000', '/rooms/00000000-0000-0000-0000-000000000000/edit', '/admin/users']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const response = await page.goto('/rooms?filter=everything&cursor=-1');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('link', { name: 'À venir' })).toHaveAttribute('aria-current', 'page');
});
