import { expect, test } from '@playwright/test';
import { toneWav } from '../test/audio';
import { signIn, users } from './helpers';

test('an admin uploads a welcome announcement, listens to it and deletes it; a file that is not audio is refused (T-2)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, users.admin());
  await page.goto('/admin/settings');
  const section = page.getByRole('region', { name: "Annonce d'accueil" });
  const file = section.getByLabel(/Fichier audio|Remplacer par un autre fichier/);
  // A previous run may have left one: start from none.
  if (await section.getByRole('button', { name: "Supprimer l'annonce" }).isVisible()) {
    await section.getByRole('button', { name: "Supprimer l'annonce" }).click();
    await page.getByRole('dialog').getByRole('button', { name: "Supprimer l'annonce" }).click();
  }
  await expect(section.getByText("Aucune annonce : les appelants entendent l'accueil standard.")).toBeVisible();

  await file.setInputFiles({ name: 'accueil.wav', mimeType: 'audio/wav', buffer: Buffer.from('ceci est du texte, pas du son') });
  await section.getByRole('button', { name: 'Déposer' }).click();
  await expect(file).toHaveAccessibleDescription(/n'est pas un enregistrement WAV ou MP3 lisible/);
  await expect(file).toHaveAttribute('aria-invalid', 'true');

  await file.setInputFiles({ name: 'accueil.wav', mimeType: 'audio/wav', buffer: Buffer.from(toneWav({ seconds: 2, rate: 44_100, channels: 2 })) });
  await section.getByRole('button', { name: 'Déposer' }).click();
  await expect(section.getByRole('status')).toHaveText("L'annonce d'accueil est enregistrée : les appelants l'entendent dès maintenant.");
  await expect(section.getByText(/Annonce actuelle : 2 s, déposée le \d\d\.\d\d\.\d{4} \d\d:\d\d\./)).toBeVisible();

  // Listen: the player's file is the converted one (8 kHz mono WAV) and the browser plays 2 s of it.
  const player = section.getByLabel("Écouter l'annonce d'accueil");
  const src = await player.getAttribute('src');
  const download = await page.request.get(src!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('audio/wav');
  // 2 s of 16-bit samples at 8 kHz after the 44-byte header (the resampler may end a sample short).
  expect(Math.abs((await download.body()).byteLength - (44 + 2 * 8000 * 2))).toBeLessThanOrEqual(4);
  const seconds = await player.evaluate(
    (audio: HTMLAudioElement) =>
      new Promise<number>((resolve, reject) => {
        audio.onloadedmetadata = () => resolve(audio.duration);
        audio.onerror = () => reject(new Error('the browser cannot play the announcement'));
        audio.load();
      }),
  );
  expect(seconds).toBeCloseTo(2, 1);

  // the section fits a 390 px phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await section.getByRole('button', { name: "Supprimer l'annonce" }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText("Les appelants entendront de nouveau l'accueil standard.");
  await dialog.getByRole('button', { name: "Supprimer l'annonce" }).click();
  await expect(section.getByText("Aucune annonce : les appelants entendent l'accueil standard.")).toBeVisible();
  expect((await page.request.get(src!)).status()).toBe(404);
});

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });

  test('a recording longer than 60 s is refused under the file field, and nothing is stored (T-2)', async ({ page }) => {
    await signIn(page, users.admin());
    await page.goto('/admin/settings');
    const section = page.getByRole('region', { name: 'Welcome announcement' });
    const file = section.getByLabel(/Audio file|Replace with another file/);
    const before = await section.getByText(/No announcement|Current announcement/).textContent();
    await file.setInputFiles({ name: 'welcome.wav', mimeType: 'audio/wav', buffer: Buffer.from(toneWav({ seconds: 61, rate: 8000, channels: 1 })) });
    await section.getByRole('button', { name: 'Upload' }).click();
    await expect(file).toHaveAccessibleDescription(/The announcement lasts more than 60 seconds\. Shorten it and try again\./);
    await expect(section.getByText(/No announcement|Current announcement/)).toHaveText(before!);
  });
});
