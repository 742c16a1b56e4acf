import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
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

/** Next year, so that "future" dates stay in the future whenever the tests run. */
export const YEAR = new Date().getFullYear() + 1;

/** Day of the month of the last Sunday of `month` (1-12): when Europe/Paris changes its clocks. */
export function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DDTHH:mm` as typed into the start field, and `DD.MM.YYYY HH:mm` as the French pages show it. */
export const local = (year: number, month: number, day: number, time: string) => ({
  input: `${year}-${pad(month)}-${pad(day)}T${time}`,
  shown: `${pad(day)}.${pad(month)}.${year} ${time}`,
});

/** An expired room, booked as of a day before its start: the portal itself refuses a start whose window has closed. */
export async function bookPastRoom(email: string, roomNumber: string, name: string, startsAt: Date): Promise<string> {
  const bookedAt = new Date(startsAt.getTime() - 86_400_000);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'e2e/book-past-room.ts', email, roomNumber, name, startsAt.toISOString(), bookedAt.toISOString()], {
    env: { ...process.env, DATA_DIR: '.data-e2e' },
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}').id;
}

/** What the worker does every minute (it does not run beside the browser tests): `jobs run-due` on the e2e database. */
export async function runDueJobs(): Promise<void> {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', '--json', 'jobs', 'run-due'], { env: { ...process.env, DATA_DIR: '.data-e2e' } });
}
