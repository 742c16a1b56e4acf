import { stat } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { apiToken, restClient } from './api';
import { YEAR, signIn, users } from './helpers';

/*
 * The pictures of docs/portal.md, at desktop and phone width. Not a check: it runs only when
 * asked, and rewrites docs/images/*.png:
 *   DOCS_SCREENSHOTS=1 npx playwright test e2e/docs-screenshots.spec.ts
 */
test.skip(!process.env.DOCS_SCREENSHOTS, 'writes docs/images only when DOCS_SCREENSHOTS=1');
test.describe.configure({ mode: 'serial' });

const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
/** Each picture stays small enough for the repository. */
const MAX_BYTES = 150 * 1024;

let roomId = '';
let session = '';

test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(180_000);
  const rest = restClient(request, await apiToken(users.subscriber()));
  const rooms = [
    ['6590', 'Weekly sales review', `${YEAR}-03-09T09:30:00+01:00`, 30],
    ['6591', 'Budget committee', `${YEAR}-03-10T14:00:00+01:00`, 60],
    ['6592', 'Project kick-off with the Lyon office', `${YEAR}-03-12T10:00:00+01:00`, 45],
    ['6593', 'Quarterly all-hands', `${YEAR}-03-17T16:00:00+01:00`, 90],
  ] as const;
  for (const [roomNumber, name, startsAt, durationMinutes] of rooms) {
    const room = await rest.post<{ id: string }>('/rooms', { roomNumber, name, startsAt, durationMinutes, pin: `${roomNumber}42`, description: 'Agenda: figures of the month, open questions.' });
    roomId ||= room.id;
  }
  await rest.post(`/rooms/${roomId}/members`, { source: 'extension', extension: '202', sendEmail: true });
  await rest.post(`/rooms/${roomId}/members`, { source: 'name', name: 'Claire Moreau', email: 'claire.moreau@example.com', sendEmail: true });
  await rest.post(`/rooms/${roomId}/members`, { source: 'name', name: 'Hélène Lefèvre', email: 'helene.lefevre@example.com', sendEmail: false });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, users.admin());
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  session = test.info().outputPath('admin.json');
  await context.storageState({ path: session });
  await context.close();
});

async function shoot(browser: Browser, name: string, path: string, prepare?: (page: Page) => Promise<void>) {
  for (const [width, viewport] of Object.entries(WIDTHS)) {
    const context = await browser.newContext({ viewport, storageState: session, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (prepare) await prepare(page);
    const file = `docs/images/${name}-${width}.png`;
    await page.screenshot({ path: file });
    expect((await stat(file)).size, file).toBeLessThan(MAX_BYTES);
    await context.close();
  }
}

/** Scrolls the page so that this element is near the top (a phone shows the part that matters). */
const scrollTo = (selector: string) => async (page: Page) => {
  await page.locator(selector).first().evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16));
};

test('rooms list', async ({ browser }) => {
  // On a phone the search form fills the first screen: the picture shows the rooms as cards.
  await shoot(browser, 'rooms', '/rooms', scrollTo('main form[role="search"] button[type="submit"]'));
});

test('room page', async ({ browser }) => {
  await shoot(browser, 'room', `/rooms/${roomId}`);
});

test('room form', async ({ browser }) => {
  await shoot(browser, 'room-form', `/rooms/${roomId}/edit`);
});

test('members', async ({ browser }) => {
  await shoot(browser, 'members', `/rooms/${roomId}`, scrollTo('#members-title'));
});

test('settings', async ({ browser }) => {
  await shoot(browser, 'settings', '/admin/settings');
});
