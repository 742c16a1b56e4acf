import { expect, test } from '@playwright/test';
import { apiToken, restClient } from './api';
import { YEAR, runDueJobs, signIn, users } from './helpers';

/* Issue 12.8, the texts as a reader of the page sees them (a portal number's line: room-tools.spec.ts). */

test.describe.configure({ mode: 'serial' });

test('the outbox names its kinds in French; an English page on a Paris tenant writes dates day first (issue 12.8)', async ({ page, request }) => {
  const rest = restClient(request, await apiToken(users.subscriber()));
  const room = await rest.post<{ id: string }>('/rooms', { roomNumber: '6504', name: 'Textes', startsAt: `${YEAR}-04-14T10:00:00+02:00`, pin: '112358' });
  await rest.post(`/rooms/${room.id}/members`, { source: 'name', name: 'Lucie Texte', email: 'lucie@example.com', sendEmail: true });
  await rest.post(`/rooms/${room.id}/invitations`);
  await runDueJobs();
  const changed = await request.patch(`/api/v1/rooms/${room.id}`, { headers: { authorization: `Bearer ${await apiToken(users.subscriber())}` }, data: { pin: '853211' } });
  expect(changed.ok()).toBe(true);
  await runDueJobs();

  await signIn(page, users.admin());
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.goto('/admin/outbox');
  const lucie = page.getByTestId('outbox-message').filter({ hasText: 'lucie@example.com' });
  await expect(lucie.filter({ hasText: 'Modification' })).toHaveCount(1);
  await expect(lucie.filter({ hasText: 'Invitation' })).toHaveCount(1);
  await expect(page.getByTestId('outbox-message').filter({ hasText: /\b(update|invitation|cancellation|reminder-\d+)\b/ })).toHaveCount(0);

  // The browser asks for French (fr-FR): nothing says which English, so the tenant's zone does.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto(`/rooms/${room.id}`);
  await expect(page.getByText('14/04/' + YEAR + ', 10:00', { exact: true })).toBeVisible();
  await expect(page.getByText(`4/14/${YEAR}`)).toHaveCount(0);
  await page.getByRole('button', { name: 'Français' }).click();
});
