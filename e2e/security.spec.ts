import { expect, test, type Page } from '@playwright/test';
import { signIn, users } from './helpers';

/** Every console message that reports a Content-Security-Policy violation, and every page error. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/content security policy|Refused to (execute|load|apply|connect)/i.test(message.text())) seen.push(message.text());
  });
  page.on('pageerror', (error) => seen.push(String(error)));
  return seen;
}

test('every response carries the security headers, and pages work under the CSP without a violation (issue 13)', async ({ page, request }) => {
  for (const path of ['/sign-in', '/api/health', '/api/v1/rooms', '/rooms/%ZZ', '/no-such-page']) {
    const answer = await request.get(path, { maxRedirects: 0 });
    const headers = answer.headers();
    expect(headers['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBeTruthy();
  }

  const violations = watchViolations(page);
  await signIn(page, users.admin());
  await page.goto('/rooms/new');
  await expect(page.getByLabel('Nom')).toBeVisible();
  await page.goto('/admin/settings');
  await expect(page.getByLabel('Exiger un code PIN pour chaque salle')).toBeVisible();
  // A client form (useActionState) runs under the CSP: the new token comes back and shows.
  await page.goto('/account');
  await page.getByLabel('Nom').fill('e2e script');
  await page.getByRole('button', { name: "Créer un jeton d'API" }).click();
  await expect(page.getByTestId('new-token')).toHaveText(/^cbt_/);
  await expect(page.getByRole('cell', { name: 'e2e script' }).first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('an undecodable address shows a clear page, not a server error (Q-5)', async ({ page }) => {
  const answer = await page.goto('/rooms/%ZZ');
  expect(answer?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'Adresse invalide' })).toBeVisible();
});

test('after 10 wrong passwords the sign-in page says to wait, the right password included (issue 13)', async ({ page }) => {
  const email = `ghost-${Date.now()}@e2e.example.com`;
  await page.goto('/sign-in');
  for (let i = 0; i < 10; i++) {
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(`wrong-${i}`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.locator('#sign-in-error')).toContainText("L'adresse e-mail ou le mot de passe est incorrect.");
  }
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('anything-at-all');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.locator('#sign-in-error')).toContainText(/Patientez \d+ minutes/);
});

test('a token created on the Security page can be revoked there (issue 13)', async ({ page }) => {
  // Earlier tests may have switched this user to English: the labels are matched in both languages.
  await signIn(page, users.subscriber());
  await page.getByRole('link', { name: /^(Sécurité|Security)$/ }).click();
  await page.getByLabel(/^(Nom|Name)$/).fill('to revoke');
  await page.getByRole('button', { name: /^(Créer un jeton d'API|Create an API token)$/ }).click();
  await expect(page.getByTestId('new-token')).toHaveText(/^cbt_/);
  const token = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  expect((await page.request.get('/api/v1/rooms', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  await page.getByRole('button', { name: /^(Révoquer|Revoke) to revoke$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^(Révoquer|Revoke)$/ }).click();
  await expect(page.getByRole('cell', { name: 'to revoke' })).toHaveCount(0);
  expect((await page.request.get('/api/v1/rooms', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test('signing out ends the session at once: the old cookie no longer opens a page (issue 13)', async ({ page, browser }) => {
  await signIn(page, users.colleague());
  const cookies = await page.context().cookies();
  await page.getByRole('button', { name: /^(Se déconnecter|Sign out)$/ }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const stolen = await replay.newPage();
  await stolen.goto('/rooms');
  await expect(stolen).toHaveURL(/\/sign-in/);
  await replay.close();
});
