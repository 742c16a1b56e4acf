import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import ical, { type VEvent } from 'node-ical';
import { YEAR, local, runDueJobs, signIn, uniqueRoomNumber, users } from './helpers';

test.describe.configure({ mode: 'serial' });

/** The wall-clock time in Paris `minutesAgo` minutes ago, as the start field takes it. */
function parisInput(minutesAgo: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() - minutesAgo * 60_000))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Other specs switch some users to English on their profile: these checks read French. */
async function signInInFrench(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
}

async function createRoom(page: Page, name: string, start: string, duration = '60'): Promise<string> {
  const roomNumber = uniqueRoomNumber();
  await page.goto('/rooms/new');
  await page.getByLabel('Nom').fill(name);
  await page.getByLabel('Numéro de salle').fill(roomNumber);
  await page.getByLabel('Début').fill(start);
  await page.getByLabel('Durée').selectOption(duration);
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  return roomNumber;
}

test('the start field: 15 minutes by default, a closed window refused on the field, a past start still open is open now, a 5-digit year refused (R-1, R-4, R-5)', async ({ page }) => {
  await signInInFrench(page, users.subscriber());
  await page.goto('/rooms/new');
  await expect(page.getByLabel('Durée')).toHaveValue('15');

  await page.getByLabel('Nom').fill('Trop tard');
  await page.getByLabel('Début').fill(parisInput(30));
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  const start = page.getByLabel('Début');
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await expect(start).toHaveAccessibleDescription(/la fenêtre d'accès de la salle serait déjà fermée/);

  await start.fill(parisInput(10));
  await page.getByLabel('Numéro de salle').fill(uniqueRoomNumber());
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'la salle est ouverte dès maintenant' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ouverte');

  // A fifth year digit typed in the date field: Chromium sends no value (the form says "give a date
  // and time"); a client that sends one hears that the year has four digits (server/actions/rooms.test.ts).
  await page.goto('/rooms/new');
  await page.getByLabel('Nom').fill('Année trop longue');
  await page.getByLabel('Début').focus();
  await page.keyboard.type('150120270', { delay: 20 });
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await expect(page.getByLabel('Début')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Début')).toHaveAccessibleDescription(/L'année s'écrit avec quatre chiffres|Indiquez une date et une heure/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle salle');
});

test('the room page copies the dial-in details, downloads the .ics, duplicates the room; the rooms page searches (issue 12)', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInInFrench(page, users.subscriber());
  const name = `Comité stratégique ${process.env.E2E_RUN}`;
  const start = local(YEAR, 3, 10, '10:00');
  const roomNumber = await createRoom(page, name, start.input);
  const pin = (await page.getByText(/^\d{6}$/).first().textContent()) ?? '';
  await page.getByRole('combobox', { name: 'Nom' }).fill('Iris Invitée');
  await page.getByRole('textbox', { name: 'E-mail', exact: true }).fill('iris@example.com');
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(page.getByRole('heading', { name: 'Membres (1)' })).toBeVisible();

  await page.getByRole('button', { name: "Copier les informations d'accès" }).click();
  await expect(page.getByText("Les informations d'accès ont été copiées.")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(name);
  expect(copied).toContain(`Numéro de salle : ${roomNumber}`);
  expect(copied).toContain(`Code PIN : ${pin}`);
  expect(copied).toContain(`Début : ${start.shown}`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: "Ajouter à l'agenda (.ics)" }).click()]);
  expect(download.suggestedFilename()).toBe(`room-${roomNumber}.ics`);
  const ics = await readFile((await download.path())!, 'utf8');
  expect(ics).toContain(`DTSTART;TZID=Europe/Paris:${YEAR}0310T100000`);
  const event = Object.values(ical.sync.parseICS(ics)).find((c) => c?.type === 'VEVENT') as VEvent;
  expect(new Date(event.start).toISOString()).toBe(`${YEAR}-03-10T09:00:00.000Z`);
  expect(event.summary).toBe(name);

  await page.getByRole('button', { name: 'Dupliquer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Voici une copie de la salle' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.getByRole('heading', { name: 'Membres (1)' })).toBeVisible();
  await expect(page.getByText(roomNumber, { exact: true })).toHaveCount(0);
  await expect(page.getByText(start.shown).first()).toBeVisible();

  // Accents and case aside, over name, number and organizer.
  await page.getByRole('link', { name: 'Salles', exact: true }).click();
  const search = page.getByRole('search', { name: 'Rechercher des salles' });
  await search.getByLabel('Nom, numéro ou organisateur').fill(`COMITE STRATEGIQUE ${process.env.E2E_RUN}`);
  await search.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 salles affichées.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(2);
  await search.getByLabel('Nom, numéro ou organisateur').fill(roomNumber);
  await search.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(1);
  await search.getByLabel('Statut').selectOption('open');
  await search.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByText('Aucune salle ne correspond.').first()).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await page.getByRole('link', { name: 'Effacer la recherche' }).click();
  await expect(search.getByLabel('Nom, numéro ou organisateur')).toHaveValue('');
});

test('a PIN change after the invitation sends the update saying old → new; the delete confirmation says who gets a cancellation (E-3, R-7)', async ({ page }) => {
  await signInInFrench(page, users.admin());
  const name = `Revue PIN ${process.env.E2E_RUN}`;
  await createRoom(page, name, local(YEAR, 4, 2, '15:00').input);
  const oldPin = (await page.getByText(/^\d{6}$/).first().textContent()) ?? '';

  await page.getByRole('combobox', { name: 'Nom' }).fill('Sans adresse');
  await page.getByLabel('Envoyer les e-mails').check();
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(page.getByRole('textbox', { name: 'E-mail', exact: true })).toHaveAccessibleDescription('Indiquez une adresse e-mail pour envoyer les e-mails à ce membre.');
  await page.getByRole('textbox', { name: 'E-mail', exact: true }).fill(`pin-${process.env.E2E_RUN}@example.com`);
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(page.getByRole('heading', { name: 'Membres (1)' })).toBeVisible();
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText('Invitation envoyée à 1 membre.')).toBeVisible();

  await page.getByRole('link', { name: 'Modifier', exact: true }).click();
  await page.getByLabel('Code PIN', { exact: true }).fill('97531');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La salle a été enregistrée.' })).toBeVisible();

  await page.getByRole('button', { name: 'Supprimer la salle' }).click();
  await expect(page.getByRole('dialog')).toContainText('Une annulation sera envoyée aux 2 personnes déjà invitées.');
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();

  // The worker does not run beside the browser tests: its round is run here.
  await runDueJobs();
  await page.goto('/admin/outbox');
  const update = page.getByTestId('outbox-message').filter({ hasText: `Modifiée : ${name}` });
  await expect(update).toHaveCount(2);
  await expect(update.first().getByRole('cell').nth(1)).toHaveText('Modification');
  await update.filter({ hasText: 'pin-' }).getByRole('link').click();
  await expect(page.frameLocator('iframe').getByText('Ce qui change')).toBeVisible();
  await expect(page.frameLocator('iframe').getByText(`${oldPin} → 97531`)).toBeVisible();
});

test('tenant settings: number masking, the outbound route and each portal number on its line (T-2, issue 13 #6)', async ({ page }) => {
  await signInInFrench(page, users.admin());
  await page.goto('/admin/settings');
  const mask = page.getByLabel('Masquer les numéros des appelants sur les pages publiques de suivi');
  await expect(mask).toBeChecked();
  const numbers = page.getByLabel('Numéros du portail');
  const current = await numbers.inputValue();
  await numbers.fill(`${current}\n0123`);
  await page.getByLabel('Route sortante').fill('sbc.example.net?Route=<sip:evil@x>');
  await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(page.getByLabel('Route sortante')).toHaveAccessibleDescription(/La route sortante s'écrit hôte\[:port\]/);
  await expect(numbers).toHaveAccessibleDescription(new RegExp(`Ligne ${current.split('\n').length + 1} \\(0123\\) : Un numéro de portail s'écrit au format E\\.164`));

  await numbers.fill(current);
  await page.getByLabel('Route sortante').fill('sbc.example.net:5061;transport=tls');
  await mask.uncheck();
  await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(page.getByText('Les paramètres ont été enregistrés.')).toBeVisible();
  await page.reload();
  await expect(mask).not.toBeChecked();
  await expect(page.getByLabel('Route sortante')).toHaveValue('sbc.example.net:5061;transport=tls');
  await mask.check();
  await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(page.getByText('Les paramètres ont été enregistrés.')).toBeVisible();
});
