import { expect, test, type Page } from '@playwright/test';
import { apiToken, restClient } from './api';
import { YEAR, signIn, users } from './helpers';

/*
 * Issue 12.7: the sign-in returns to the page that was asked for; after an action the focus
 * stays at its result; a reload keeps a half-filled form; "show more" appends.
 */

test.describe.configure({ mode: 'serial' });

async function fillSignIn(page: Page, email: string): Promise<void> {
  await page.getByLabel(/adresse e-mail|email address/i).fill(email);
  await page.getByLabel(/mot de passe|password/i).fill(process.env.E2E_PASSWORD ?? '');
  await page.getByRole('button', { name: /se connecter|sign in/i }).click();
}

/** What has the keyboard focus: its tag, role, text and the row or list it sits in. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase(), role: el?.getAttribute('role'), text: el?.textContent ?? '', afterAction: el?.hasAttribute('data-after-action') };
  });

let roomId = '';
let token = '';

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  token = await apiToken(users.subscriber());
  const room = await restClient(request, token).post<{ id: string }>('/rooms', { roomNumber: '6502', name: 'Point hebdomadaire', startsAt: `${YEAR}-05-12T09:00:00+02:00`, pin: '135790' });
  roomId = room.id;
});

/** Another spec may have left this subscriber's profile in English; these tests read French labels too. */
async function signInInFrench(page: Page): Promise<void> {
  await signIn(page, users.subscriber());
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
}

test('signing in returns to the page that was asked for, only a path of this site (issue 12.7)', async ({ page }) => {
  await page.goto(`/rooms/${roomId}/edit?from=mail`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await fillSignIn(page, users.subscriber());
  await expect(page).toHaveURL(new RegExp(`/rooms/${roomId}/edit\\?from=mail$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Point hebdomadaire');

  // Signed in already: the sign-in page sends straight on.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(`/rooms/${roomId}`)}`);
  await expect(page).toHaveURL(new RegExp(`/rooms/${roomId}$`));

  for (const elsewhere of ['https://evil.example/rooms', '//evil.example/rooms', '/\\evil.example']) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(elsewhere)}`);
    await fillSignIn(page, users.subscriber());
    await expect(page).toHaveURL(/localhost:\d+\/rooms$/);
  }
});

test('after an action the focus is at its result: the message, the changed row, the list (issue 12.7)', async ({ page }) => {
  await signInInFrench(page);
  await page.goto(`/rooms/${roomId}/edit`);
  await page.getByLabel(/^(description)/i).fill('Ordre du jour');
  await page.getByRole('button', { name: /enregistrer|save/i }).click();
  await expect(page.getByRole('status').filter({ hasText: /enregistrée|saved/i })).toBeFocused();

  await page.getByRole('combobox', { name: /^(nom|name)$/i }).fill('Zoé Martin');
  await page.getByRole('textbox', { name: /^(e-mail|email)$/i }).fill('zoe@example.com');
  await page.getByRole('button', { name: /ajouter le membre|add member/i }).click();
  await expect(page.getByRole('status').filter({ hasText: /Zoé Martin/ })).toBeFocused();

  await page.getByRole('button', { name: /modifier zoé martin|edit zoé martin/i }).click();
  await page.getByRole('dialog').getByLabel(/^(nom|name)$/i).fill('Zoé Martin-Leroy');
  await page.getByRole('dialog').getByRole('button', { name: /enregistrer|save/i }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Zoé Martin-Leroy' })).toBeFocused();

  await page.getByRole('button', { name: /retirer zoé martin-leroy|remove zoé martin-leroy/i }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^(retirer|remove)$/i }).click();
  await expect(page.getByText('Zoé Martin-Leroy')).toHaveCount(0);
  await expect.poll(async () => (await focused(page)).afterAction).toBe(true);
  expect((await focused(page)).text).toMatch(/aucun membre|no member/i);

  await page.getByRole('button', { name: /supprimer la salle|delete room/i }).click();
  await page.getByRole('dialog').getByRole('button', { name: /supprimer|delete/i }).click();
  await expect(page).toHaveURL(/\/rooms\?filter=all&deleted=1$/);
  await expect(page.getByRole('status').filter({ hasText: /salle a été supprimée|room was deleted/i })).toBeFocused();
});

test('a reload keeps the half-filled room and member forms; sending clears them (issue 12.7)', async ({ page }) => {
  await signInInFrench(page);
  await page.goto('/rooms/new');
  await page.getByLabel(/^(nom|name)$/i).fill('Brouillon de salle');
  await page.getByLabel(/^(description)/i).fill('Texte à ne pas perdre');
  await page.getByLabel(/début|start/i).fill(`${YEAR}-06-02T14:30`);
  await page.getByLabel(/micro coupé|enter muted/i).first().check();
  await page.getByLabel(/à une autre adresse|to another address/i).check();
  await page.getByLabel(/adresse du compte rendu|report address/i).fill('rapports@example.com');
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: /brouillon rétabli|draft restored/i })).toBeVisible();
  await expect(page.getByLabel(/^(nom|name)$/i)).toHaveValue('Brouillon de salle');
  await expect(page.getByLabel(/^(description)/i)).toHaveValue('Texte à ne pas perdre');
  await expect(page.getByLabel(/début|start/i)).toHaveValue(`${YEAR}-06-02T14:30`);
  await expect(page.getByLabel(/micro coupé|enter muted/i).first()).toBeChecked();
  await expect(page.getByLabel(/à une autre adresse|to another address/i)).toBeChecked();
  await expect(page.getByLabel(/adresse du compte rendu|report address/i)).toHaveValue('rapports@example.com');
  await page.getByLabel(/numéro de salle|room number/i).fill('6503');
  await page.getByRole('button', { name: /créer la salle|create room/i }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Brouillon de salle');
  const createdRoom = page.url();

  await page.goto('/rooms/new');
  await expect(page.getByLabel(/^(nom|name)$/i)).toHaveValue('');
  await expect(page.getByText(/brouillon rétabli|draft restored/i)).toHaveCount(0);

  await page.goto(createdRoom);
  await page.getByRole('combobox', { name: /^(nom|name)$/i }).fill('Invité à moitié');
  await page.getByRole('textbox', { name: /^(e-mail|email)$/i }).fill('moitie@example.com');
  await page.reload();
  await expect(page.getByRole('combobox', { name: /^(nom|name)$/i })).toHaveValue('Invité à moitié');
  await expect(page.getByRole('textbox', { name: /^(e-mail|email)$/i })).toHaveValue('moitie@example.com');
  await page.getByRole('button', { name: /ajouter le membre|add member/i }).click();
  await expect(page.getByRole('cell', { name: 'Invité à moitié', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: /^(nom|name)$/i })).toHaveValue('');
});

test('"show more" adds the next rooms under those shown and lands on the first new one (issue 12.7)', async ({ page, request }) => {
  const rest = restClient(request, token);
  for (let i = 0; i < 52; i++) {
    await rest.post('/rooms', { roomNumber: String(6510 + i), name: `Suite ${String(i).padStart(2, '0')}`, startsAt: `${YEAR}-07-01T08:00:00+02:00` });
  }
  await signInInFrench(page);
  await page.goto('/rooms?filter=all&q=suite');
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(50);
  const firstRow = await rows.first().getAttribute('data-room-number');
  await page.getByRole('link', { name: /afficher plus|show more/i }).click();
  await expect(rows).toHaveCount(52);
  expect(await rows.first().getAttribute('data-room-number')).toBe(firstRow);
  await expect(page).toHaveURL(/shown=100.*#rooms-from-50$/);
  await expect(rows.nth(50)).toBeInViewport();
  await expect(rows.nth(50)).toBeFocused();
  await expect(page.getByRole('link', { name: /afficher plus|show more/i })).toHaveCount(0);
});
