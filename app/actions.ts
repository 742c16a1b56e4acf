'use server';

import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { isLocale, LOCALE_COOKIE } from '@/app/lib/i18n/locales';
import { runAction, type FormState } from '@/app/lib/run-action';
import { currentActor } from '@/app/lib/session';

/** the cookie serves the sign-in page; the profile follows the user to other browsers. */
export async function setLocale(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = formData.get('locale');
  if (!isLocale(locale)) return null;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
  const result = (await currentActor()) ? await runAction('setLocale', formData) : null;
  revalidatePath('/', 'layout');
  return result;
}
