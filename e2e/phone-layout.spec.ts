import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { apiToken, restClient } from './api';
import { YEAR, runDueJobs, signIn, users } from './helpers';

/*
 * Issue 12.4: every page of the portal fits a 390 px phone without horizontal scrolling, with its
 * buttons and links on screen and no serious axe violation, and so does every dialog it opens.
 */

const PHONE = { width: 390, height: 844 };

/** What the pages below show, made once through the REST API and the forms. */
interface Fixture {
  roomId: string;
  outboxId: string;
  /** A held conference of the admin's this month (e2e/seed-history.ts). */
  conferenceId: string;
  /** The room's public tracking page (L-3). */
  trackingPath: string;
}

type Who = 'admin' | 'subscriber' | 'signed-out';

/**
 * EVERY page of app/, by its route (the folder path without route groups) and who looks at it.
 * A new page is added here: the last test fails for a page.tsx that no entry names.
 */
export const PHONE_PAGES: { route: string; as: Who; path: (f: Fixture) => string; heading: RegExp }[] = [
  { route: '/sign-in', as: 'signed-out', path: () => '/sign-in', heading: /connexion|sign in/i },
  { route: '/', as: 'subscriber', path: () => '/', heading: /salles|rooms/i },
  { route: '/rooms', as: 'subscriber', path: () => '/rooms', heading: /salles|rooms/i },
  { route: '/rooms', as: 'admin', path: () => '/rooms?filter=all&q=%C3%A9quipe', heading: /salles|rooms/i },
  { route: '/rooms/new', as: 'subscriber', path: () => '/rooms/new', heading: /nouvelle salle|new room/i },
  { route: '/rooms/[roomId]', as: 'subscriber', path: (f) => `/rooms/${f.roomId}?saved=created`, heading: /équipe/i },
  { route: '/rooms/[roomId]', as: 'admin', path: (f) => `/rooms/${f.roomId}`, heading: /équipe/i },
  { route: '/rooms/[roomId]/edit', as: 'subscriber', path: (f) => `/rooms/${f.roomId}/edit`, heading: /modifier|edit|équipe/i },
  { route: '/account', as: 'subscriber', path: () => '/account', heading: /sécurité|security/i },
  { route: '/account', as: 'admin', path: () => '/account', heading: /sécurité|security/i },
  { route: '/admin/extensions', as: 'admin', path: () => '/admin/extensions', heading: /postes|extensions/i },
  { route: '/admin/directory', as: 'admin', path: () => '/admin/directory', heading: /annuaire|directory/i },
  { route: '/admin/users', as: 'admin', path: () => '/admin/users', heading: /utilisateurs|users/i },
  { route: '/admin/settings', as: 'admin', path: () => '/admin/settings', heading: /paramètres|settings/i },
  { route: '/admin/outbox', as: 'admin', path: (f) => `/admin/outbox?id=${f.outboxId}`, heading: /boîte d'envoi|outbox/i },
  { route: '/history', as: 'subscriber', path: () => '/history', heading: /historique|history/i },
  { route: '/history', as: 'admin', path: (f) => `/history?conference=${f.conferenceId}#conference-${f.conferenceId}`, heading: /historique|history/i },
  { route: '/admin/usage', as: 'admin', path: () => '/admin/usage', heading: /consommation|usage/i },
  { route: '/forgot-password', as: 'signed-out', path: () => '/forgot-password', heading: /mot de passe oublié|forgot your password/i },
  { route: '/reset-password/[token]', as: 'signed-out', path: () => `/reset-password/${'x'.repeat(43)}`, heading: /nouveau mot de passe|new password/i },
  { route: '/admin/import', as: 'admin', path: () => '/admin/import', heading: /importer|import/i },
  { route: '/admin/webhooks', as: 'admin', path: () => '/admin/webhooks', heading: /webhooks/i },
  { route: '/live', as: 'admin', path: () => '/live', heading: /en direct|live now/i },
  { route: '/live/[conferenceId]', as: 'admin', path: (f) => `/live/${f.conferenceId}`, heading: /comité qualité/i },
  { route: '/l/[token]', as: 'signed-out', path: (f) => f.trackingPath, heading: /équipe/i },
  { route: 'not-found', as: 'subscriber', path: () => '/rooms/00000000-0000-4000-8000-000000000000', heading: /introuvable|not found/i },
];

/** Routes of the app/ folder: `app/(portal)/rooms/[roomId]/page.tsx` → `/rooms/[roomId]`. */
function appRoutes(dir = 'app', route = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === 'page.tsx' ? [route || '/'] : [];
    if (!entry.isDirectory() || entry.name === 'api' || entry.name.startsWith('_')) return [];
    const segment = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name}`;
    return appRoutes(path.join(dir, entry.name), route + segment);
  });
}

test.describe.configure({ mode: 'serial' });

const sessions: Partial<Record<Who, string>> = {};
let fixture: Fixture;

/** One sign-in per role for the whole file (the sign-in throttle counts attempts, issue 13). */
async function pageAs(browser: Browser, who: Who): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, storageState: who === 'signed-out' ? undefined : sessions[who] });
  return context.newPage();
}

test.beforeAll(async ({ browser, request }) => {
  // Two sign-ins, the API and a run of the mail job on a shared, busy machine.
  test.setTimeout(180_000);
  for (const who of ['admin', 'subscriber'] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, users[who]());
    sessions[who] = path.join(test.info().outputDir, `${who}.json`);
    await context.storageState({ path: sessions[who] });
    await context.close();
  }
  // Long words and addresses are what push a narrow page sideways.
  const rest = restClient(request, await apiToken(users.subscriber()));
  const room = await rest.post<{ id: string }>('/rooms', {
    roomNumber: '6501',
    name: `Réunion d'équipe interdépartementale ${process.env.E2E_RUN}`,
    startsAt: `${YEAR}-04-14T10:00:00+02:00`,
    durationMinutes: 60,
    pin: '246810',
    description: 'Ordre du jour : budget, recrutements, questions diverses.',
  });
  await rest.post(`/rooms/${room.id}/members`, { source: 'name', name: 'Marie-Amélie Delacroix-Fontaine', email: 'marie-amelie.delacroix-fontaine@filiale-internationale.example.com', sendEmail: true });
  await rest.post(`/rooms/${room.id}/members`, { source: 'name', name: 'Jean Dupont', sendEmail: false });
  await rest.post(`/rooms/${room.id}/invitations`);
  const tracking = await rest.post<{ url: string }>(`/rooms/${room.id}/links`, { kind: 'tracking' });
  await runDueJobs();

  const admin = await pageAs(browser, 'admin');
  await admin.setViewportSize({ width: 1280, height: 900 });
  await admin.goto('/admin/directory');
  await admin.getByLabel(/^(nom|name)$/i).fill('Cabinet Lefèvre-Bonnaventure Associés');
  await admin.getByLabel(/^(numéro|number)/i).fill('+33123456789');
  await admin.getByLabel(/^(e-mail|email)/i).fill('secretariat.general@cabinet-lefevre-bonnaventure.example.com');
  await admin.getByRole('button', { name: /ajouter|add/i }).click();
  await expect(admin.getByRole('status')).toBeVisible();
  await admin.goto('/admin/outbox');
  const first = admin.getByTestId('outbox-message').first().getByRole('link');
  const href = (await first.getAttribute('href')) ?? '';
  await admin.context().close();
  const now = new Date();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'e2e/seed-history.ts', users.admin(), '6505', new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 10, 0)).toISOString()],
    { env: { ...process.env, DATA_DIR: '.data-e2e' } },
  );
  const { conferenceId } = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  fixture = { roomId: room.id, outboxId: new URL(href, 'http://x').searchParams.get('id') ?? '', conferenceId, trackingPath: new URL(tracking.url).pathname };
});

/** Every button and link of the page's content that is shown lies inside the screen's width. */
async function offScreenControls(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector) ?? document.body;
    return [...root.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')]
      .filter((el) => {
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        if (style.visibility === 'hidden' || rect.width === 0 || rect.height === 0) return false;
        // Screen-reader-only text (1×1 px, clipped) is not on screen on purpose.
        if (rect.width <= 1 && rect.height <= 1) return false;
        return rect.left < -0.5 || rect.right > window.innerWidth + 0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim().slice(0, 40)}" ${Math.round(el.getBoundingClientRect().left)}–${Math.round(el.getBoundingClientRect().right)}`);
  }, scope);
}

for (const entry of PHONE_PAGES) {
  test(`${entry.route} as ${entry.as} fits 390 px, dialogs included (issue 12.4, Q-2)`, async ({ browser }) => {
    const page = await pageAs(browser, entry.as);
    await page.goto(entry.path(fixture));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.heading);

    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width').toBeLessThanOrEqual(PHONE.width);
    expect(await offScreenControls(page, 'body')).toEqual([]);
    // Long words may break to fit, never a status badge ("Schedule/d").
    const badges = await page.locator('[data-status]').evaluateAll((els) => els.map((el) => el.getClientRects().length === 1 && el.getBoundingClientRect().height < 28));
    expect(badges.every(Boolean), 'status badges on one line').toBe(true);
    // The cards a table becomes on a phone stay as accessible as the table.
    // The outbox's email preview is a sandboxed iframe axe cannot enter; the email itself is not the page.
    const { violations } = await new AxeBuilder({ page }).exclude('iframe[sandbox]').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // Every dialog the page can open: within the screen, nothing to scroll sideways, its buttons on screen.
    const triggers = page.locator('[aria-haspopup="dialog"]');
    const count = await triggers.count();
    for (let i = 0; i < count; i++) {
      const trigger = triggers.nth(i);
      await trigger.scrollIntoViewIfNeeded();
      await expect(trigger).toBeInViewport();
      await trigger.click();
      const dialog = page.locator('dialog[open]');
      await expect(dialog).toBeVisible();
      const box = await dialog.evaluate((d) => ({ ...d.getBoundingClientRect().toJSON(), scrollWidth: d.scrollWidth, clientWidth: d.clientWidth }));
      expect(box.left, `dialog ${i} left`).toBeGreaterThanOrEqual(0);
      expect(box.right, `dialog ${i} right`).toBeLessThanOrEqual(PHONE.width);
      expect(box.scrollWidth, `dialog ${i} content`).toBeLessThanOrEqual(box.clientWidth);
      expect(await offScreenControls(page, 'dialog[open]')).toEqual([]);
      for (const button of await dialog.getByRole('button').all()) await expect(button).toBeInViewport();
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width after the dialogs').toBeLessThanOrEqual(PHONE.width);
    await page.context().close();
  });
}

test('the list above names every page of app/', () => {
  const listed = new Set(PHONE_PAGES.map((p) => p.route));
  expect(appRoutes().filter((route) => !listed.has(route))).toEqual([]);
});
