import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, request, test, type Page } from '@playwright/test';
import { signIn, users } from './helpers';

/**
 * Issue 10, end to end: a simulated sip process (SIP_ENGINE=simulated, the simulator standing in
 * for FreeSWITCH) on the e2e database, callers placed with the CLI, the organizer's live page and
 * the public tracking page in the browser (L-1..L-3).
 */
const run = promisify(execFile);
const env = { ...process.env, DATA_DIR: '.data-e2e' };

async function cli(...args: string[]): Promise<Record<string, any>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', '--json', ...args], { env });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(blocking, what).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page, what: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, what).toBeLessThanOrEqual(0);
}

let sip: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'sip/main.ts'], {
    env: { ...env, SIP_ENGINE: 'simulated', SIP_INSTANCE_ID: `e2e-live-${process.env.E2E_RUN}`, LOG_LEVEL: 'info', PROCESS_NAME: 'sip' },
  });
  sip = child;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulated sip process did not start: ${output}`)), 100_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('taking simulated calls')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
});

test.afterAll(() => {
  sip?.kill('SIGTERM');
});

test('organizer watches and steers a running conference; the tracking page follows, masked and read-only, until its link is regenerated', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const { token } = await cli('token', 'create', '--email', users.admin(), '--name', `live-e2e-${process.env.E2E_RUN}`);
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const portal: string = (await (await api.get('/api/v1/tenant')).json()).portalNumbers[0];
  const created = await api.post('/api/v1/rooms', { data: { roomNumber: '6201', name: 'Point hebdo en direct', startsAt: new Date(Date.now() + 60_000).toISOString(), durationMinutes: 60, pin: '123456' } });
  expect(created.status()).toBe(201);
  const room = await created.json();
  const place = (from: string) => cli('call', 'place', '--to', portal, '--from', from, '--dtmf', '6201#123456#');

  await signIn(page, users.admin());
  await page.goto(`/rooms/${room.id}`);
  const tracking = page.getByTestId('link-tracking');
  await tracking.getByRole('button', { name: 'Créer' }).click();
  const trackingUrl = await tracking.getByLabel('Nouvelle adresse, affichée seulement maintenant :').inputValue();
  expect(trackingUrl).toMatch(/\/l\/[A-Za-z0-9_-]{43}$/);

  const callers: Record<string, any>[] = [];
  for (const from of ['+33612345601', '+33612345602', '+33612345603']) {
    const answer = await place(from);
    expect(answer).toMatchObject({ decision: 'admitted', callId: expect.any(String), conferenceId: expect.any(String) });
    callers.push(answer);
  }

  // From the rooms page's "live now" list to the live page.
  await page.goto('/rooms');
  await page.getByRole('link', { name: 'Ouvrir la page en direct de Point hebdo en direct (6201)' }).click();
  await expect(page).toHaveURL(new RegExp(`/live/${callers[0].conferenceId}$`));
  await expect(page.getByText('En direct : les changements s’affichent au fur et à mesure.').or(page.getByText("En direct : les changements s'affichent au fur et à mesure."))).toBeVisible();
  const row = (number: string) => page.getByTestId('participant').filter({ hasText: number });
  await expect(page.getByTestId('participant')).toHaveCount(3);

  // One talks: the indicator follows the voice.
  await cli('call', 'talk', '--call-id', callers[0].callId, '--on');
  await expect(row('+33612345601').getByTestId('talking')).toHaveAttribute('data-talking', 'true');
  await cli('call', 'talk', '--call-id', callers[0].callId, '--off');
  await expect(row('+33612345601').getByTestId('talking')).toHaveAttribute('data-talking', 'false');

  // A keypad *2 from the phone shows at once.
  await cli('call', 'keys', '--call-id', callers[0].callId, '--keys', '*2');
  await expect(row('+33612345601').getByTestId('muted')).toHaveText('Micro coupé');

  // Mute from the page: the caller hears the prompt (the simulator's record of what it heard).
  await row('+33612345602').getByRole('button', { name: 'Couper le micro' }).click();
  await expect(row('+33612345602').getByTestId('muted')).toHaveText('Micro coupé');
  await expect.poll(async () => (await cli('call', 'heard', '--call-id', callers[1].callId)).prompts).toContain('you-are-muted');

  // Kick, after confirming.
  await row('+33612345603').getByRole('button', { name: 'Exclure' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Exclure' }).click();
  await expect(page.getByTestId('participant')).toHaveCount(2);

  // Lock: a fourth caller is refused.
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await expect(page.getByText('Verrouillée : personne de plus ne peut entrer')).toBeVisible();
  expect(await place('+33612345604')).toMatchObject({ decision: 'refused', reason: 'locked' });

  // The action log says what was done, by whom, with what result.
  const log = page.getByTestId('action-log');
  await expect(log.getByTestId('log-line').filter({ hasText: 'verrouiller' })).toContainText('Ada Admin');
  await expect(log.getByTestId('log-line').filter({ hasText: 'exclure' })).toContainText('Ada Admin');
  await expect(log.getByTestId('log-line').filter({ hasText: 'couper le micro' }).filter({ hasText: 'le clavier de +33612345601' })).toHaveCount(1);
  await expect(log.getByTestId('log-line').filter({ hasText: 'couper le micro' }).filter({ hasText: 'Ada Admin' })).toContainText('fait');
  await expectAccessible(page, 'live page');
  await page.getByRole('button', { name: 'Couper tous les micros' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('C’est fait.').or(page.getByText("C'est fait."))).toBeVisible();

  // A subscriber who does not organize the room follows it read-only.
  const colleague = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const colleaguePage = await colleague.newPage();
  await signIn(colleaguePage, users.subscriber());
  await colleaguePage.goto(`/live/${callers[0].conferenceId}`);
  await expect(colleaguePage.getByText('Vous suivez cette conférence ; seuls son organisateur et les administrateurs peuvent agir.')).toBeVisible();
  await expect(colleaguePage.getByTestId('participant')).toHaveCount(2);
  await expect(colleaguePage.getByRole('button', { name: 'Couper le micro' })).toHaveCount(0);
  await colleague.close();

  // The tracking page, without an account: same conference, numbers masked, no buttons.
  const visitor = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const trackingPage = await visitor.newPage();
  await trackingPage.goto(trackingUrl);
  await expect(trackingPage.getByTestId('participant')).toHaveCount(2);
  await expect(trackingPage.getByTestId('participant').first()).toContainText('+•••••••5601');
  await expect(trackingPage.getByText('+33612345601')).toHaveCount(0);
  await expect(trackingPage.getByRole('button', { name: 'Couper le micro' })).toHaveCount(0);
  await expect(trackingPage.getByRole('button', { name: 'Terminer la conférence' })).toHaveCount(0);
  await expect(trackingPage.getByTestId('log-line').filter({ hasText: 'verrouiller' })).toBeVisible();
  await expectAccessible(trackingPage, 'tracking page');
  await expectNoHorizontalScroll(trackingPage, 'tracking page at 390 px');

  // Regenerating the link kills the old address, including the page open on it.
  const roomPage = await page.context().newPage();
  await roomPage.goto(`/rooms/${room.id}`);
  await roomPage.getByTestId('link-tracking').getByRole('button', { name: 'Régénérer' }).click();
  await expect(roomPage.getByTestId('link-tracking').getByLabel('Nouvelle adresse, affichée seulement maintenant :')).not.toHaveValue(trackingUrl);
  await expect(trackingPage.getByText('Ce lien n’est plus valable. Demandez-en un nouveau à l’organisateur.').or(trackingPage.getByText("Ce lien n'est plus valable. Demandez-en un nouveau à l'organisateur."))).toBeVisible();
  expect((await trackingPage.request.get(trackingUrl)).status()).toBe(404);

  // A control link acts without an account, logged as the link.
  const control = roomPage.getByTestId('link-control');
  await control.getByRole('button', { name: 'Créer' }).click();
  const controlUrl = await control.getByLabel('Nouvelle adresse, affichée seulement maintenant :').inputValue();
  await roomPage.close();
  const controlPage = await visitor.newPage();
  await controlPage.goto(controlUrl);
  await controlPage.getByRole('button', { name: 'Rétablir tous les micros' }).click();
  await expect(controlPage.getByTestId('log-line').filter({ hasText: 'rétablir tous les micros' })).toContainText('le lien de contrôle');

  // Phone width, then the end for everyone.
  await expectNoHorizontalScroll(page, 'live page at 390 px');
  await page.getByRole('button', { name: 'Terminer la conférence' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Terminer la conférence' }).click();
  await expect(page.getByText('Cette conférence est terminée.')).toBeVisible();
  // The control page then waits for the room's next conference.
  await expect(controlPage.getByText('Aucune conférence n’est en cours dans cette salle. Cette page l’affiche dès qu’elle commence.').or(controlPage.getByText("Aucune conférence n'est en cours dans cette salle. Cette page l'affiche dès qu'elle commence."))).toBeVisible();
  await expect.poll(async () => (await cli('call', 'heard', '--call-id', callers[0].callId)).state).toBe('ended');
  await visitor.close();
  await api.dispose();
});
