import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, request, test, type Page } from '@playwright/test';
import { signIn, uniqueRoomNumber, users } from './helpers';

/** A held conference of the admin's, in the current month (Paris), written like the sip process does. */
async function seedConference(startedAt: Date): Promise<{ conferenceId: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'e2e/seed-history.ts', users.admin(), uniqueRoomNumber(), startedAt.toISOString()], {
    env: { ...process.env, DATA_DIR: '.data-e2e', STORAGE_DIR: '.data-e2e/storage' },
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(blocking, what).toEqual([]);
}

/** Polled: the chart follows a new viewport width on its next resize observation, not at once. */
async function expectNoSidewaysScroll(page: Page) {
  const wide = () => page.evaluate(() =>
    document.documentElement.scrollWidth <= window.innerWidth
      ? []
      : [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => `${e.tagName}.${e.className}`.slice(0, 80))
          .slice(0, 8),
  );
  await expect.poll(wide).toEqual([]);
}

/** The first day of the current month at 10:00 UTC: in this month in Paris whatever day the tests run. */
function thisMonth(): { start: Date; month: string } {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 10, 0));
  return { start, month: start.toISOString().slice(0, 7) };
}

test('history: the month, a conference expanded, downloads, usage (H-2, H-3, H-4)', async ({ page }) => {
  const { start, month } = thisMonth();
  const { conferenceId } = await seedConference(start);
  await signIn(page, users.admin());

  await page.getByRole('link', { name: 'Historique' }).click();
  await expect(page.getByRole('heading', { name: 'Historique', level: 1 })).toBeVisible();
  const row = page.getByTestId('conference-row').filter({ hasText: 'Comité qualité' });
  await expect(row).toContainText('01.');
  // 10:00 + 61 s legs: 10 min (600 s) and 2 min (61 s).
  await expect(row).toContainText('0:10:00');
  await expect(row.getByRole('cell').nth(3)).toHaveText('12');
  await expectAccessible(page, 'history month');

  await row.getByRole('link', { name: /Participants et actions/ }).click();
  await expect(page).toHaveURL(new RegExp(`conference=${conferenceId}`));
  const participants = page.getByTestId('participant-row');
  await expect(participants).toHaveCount(2);
  await expect(participants.nth(0)).toContainText('Hélène Müller');
  await expect(participants.nth(1)).toContainText('Numéro masqué');
  await expect(participants.nth(1)).toContainText('A raccroché');
  await expect(page.getByTestId('action-row')).toContainText(['Verrouiller']);
  // REC-2: the recording with a player and a download that works without the session.
  const recording = page.getByTestId('recording');
  await expect(recording).toContainText('Prêt');
  const audio = recording.locator('audio');
  await expect(audio).toHaveAttribute('src', /\/api\/recordings\//);
  const anonymous = await request.newContext();
  const src = (await audio.getAttribute('src'))!;
  const mp3 = await anonymous.get(src);
  expect(mp3.status()).toBe(200);
  expect(mp3.headers()['content-type']).toBe('audio/mpeg');
  await expect(recording.getByRole('link', { name: 'Télécharger le MP3' })).toBeVisible();
  await expectAccessible(page, 'history with a recording');
  // An admin deletes it: the row says so, the link 404s at once.
  await recording.getByRole('button', { name: "Supprimer l'enregistrement 1" }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
  await expect(recording).toContainText('Supprimé');
  expect((await anonymous.get(src)).status()).toBe(404);
  await anonymous.dispose();
  await expectAccessible(page, 'history with a conference expanded');

  const csv = await page.request.get(`/history/export.csv?month=${month}`);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect((await csv.text()).includes('Hélène Müller')).toBe(true);
  const pdf = await page.request.get(`/history/conferences/${conferenceId}/report.pdf`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('link', { name: 'Consommation' }).click();
  await expect(page.getByRole('heading', { name: 'Consommation', level: 1 })).toBeVisible();
  await expect(page.getByTestId('usage-rooms')).toContainText('Comité qualité');
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expectAccessible(page, 'usage');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
});

test('the history page in English (Q-1)', async ({ page }) => {
  await signIn(page, users.admin());
  await page.goto('/history');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Participant-minutes' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'CSV of the month' })).toBeVisible();
  await expectAccessible(page, 'history in English');
  // The choice is remembered by the profile: back to French for the other tests of the run.
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { name: 'Historique', level: 1 })).toBeVisible();
});

test('a subscriber sees the history of their own rooms only, and no usage page', async ({ page }) => {
  await signIn(page, users.subscriber());
  await page.goto('/history');
  await expect(page.getByTestId('conference-row').filter({ hasText: 'Comité qualité' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Consommation' })).toHaveCount(0);
  expect((await page.goto('/admin/usage'))?.status()).toBe(404);
});
