import { expect, type Page } from '@playwright/test';

export const users = {
  admin: () => process.env.E2E_ADMIN_EMAIL ?? '',
  subscriber: () => process.env.E2E_USER_EMAIL ?? '',
  colleague: () => process.env.E2E_COLLEAGUE_EMAIL ?? '',
};

export async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel(/adresse e-mail|email address/i).fill(email);
  await page.getByLabel(/mot de passe|password/i).fill(process.env.E2E_PASSWORD ?? '');
  await page.getByRole('button', { name: /se connecter|sign in/i }).click();
  await expect(page).toHaveURL(/\/rooms/);
}

/** A room number no other test of this run uses. */
export function uniqueRoomNumber(): string {
  return String(Date.now()).slice(-8);
}
