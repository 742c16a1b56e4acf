import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { currentActor } from '@/app/lib/session';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from './locales';

/** the user's profile wins, then the switcher's cookie, then the browser's languages. */
async function resolveLocale(): Promise<Locale> {
  const actor = await currentActor();
  if (isLocale(actor?.locale)) return actor.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return negotiateLocale((await headers()).get('accept-language')) ?? DEFAULT_LOCALE;
}

/**
 * Every `messages/<locale>/<namespace>.json` becomes the namespace of its file name, so a new
 * feature adds its own file without touching anyone else's.
 */
async function readMessages(locale: Locale): Promise<Record<string, unknown>> {
  const dir = path.join(process.cwd(), 'messages', locale);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  const entries = await Promise.all(
    files.map(async (file) => [path.basename(file, '.json'), JSON.parse(await readFile(path.join(dir, file), 'utf8'))] as const),
  );
  return Object.fromEntries(entries);
}

// Read once per process in production; in development an edited file shows on the next request.
const loaded = new Map<Locale, Promise<Record<string, unknown>>>();
function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  if (process.env.NODE_ENV !== 'production') return readMessages(locale);
  if (!loaded.has(locale)) loaded.set(locale, readMessages(locale));
  return loaded.get(locale)!;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale) };
});
