import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn, uniqueRoomNumber, users } from './helpers';

const run = promisify(execFile);

/** One caller through the real portal flow on the simulated engine (API-3 `call simulate`), on the e2e database. */
async function simulateCall(from: string, dtmf: string): Promise<{ decision: string; reason?: string }> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'server/cli/main.ts', '--json', 'call', 'simulate', '--to', '*72', '--from', from, '--from-domain', `e2e${process.env.E2E_RUN}.pbx.example.com`, '--dtmf', dtmf],
    { env: { ...process.env, DATA_DIR: '.data-e2e' } },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

test('a room guessed at from many numbers says on its page that it is under attack (D-5)', async ({ page }) => {
  // Twelve CLI runs, each a Node process of its own: slow on a busy machine.
  test.setTimeout(600_000);
  await signIn(page, users.subscriber());
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  const roomNumber = uniqueRoomNumber();
  await page.goto('/rooms/new');
  await page.getByLabel('Nom').fill('Conseil restreint');
  await page.getByLabel('Numéro de salle').fill(roomNumber);
  await page.getByLabel('Code PIN', { exact: true }).fill('735194');
  await page.getByLabel('Début').fill(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
  await page.getByRole('button', { name: 'Créer la salle' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ouverte');
  await expect(page.getByRole('alert').filter({ hasText: 'attaque' })).toHaveCount(0);

  // Eleven numbers, three wrong PINs each: more than 30 from more than 4 callers lock the room.
  for (let first = 0; first < 11; first += 4) {
    const callers = Array.from({ length: Math.min(4, 11 - first) }, (_, i) => String(3000 + first + i));
    const outcomes = await Promise.all(callers.map((caller) => simulateCall(caller, `${roomNumber}#111111#222222#333333#`)));
    for (const outcome of outcomes) expect(['wrong-pin', 'throttled']).toContain(outcome.reason);
  }
  expect(await simulateCall('3999', `${roomNumber}#735194#`)).toMatchObject({ decision: 'refused', reason: 'throttled' });

  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: "Cette salle fait l'objet d'une attaque" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("L'accès par téléphone est bloqué jusqu'à");
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
