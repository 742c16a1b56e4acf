import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { dateLocale } from '@/server/lib/date-locale';

/** the locale the page writes dates in: the UI language, styled for the tenant's zone unless the browser names an English variant. */
export async function getDateLocale(zone: string): Promise<string> {
  const [locale, requestHeaders] = await Promise.all([getLocale(), headers()]);
  return dateLocale(locale, zone, requestHeaders.get('accept-language'));
}
