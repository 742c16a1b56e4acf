import { getLocale, getTranslations } from 'next-intl/server';
import { setLocale } from '@/app/actions';
import { LOCALES } from '@/app/lib/i18n/locales';

async function switchLocale(formData: FormData) {
  'use server';
  await setLocale(null, formData);
}

/** Two buttons rather than a menu: one keystroke, and it works without JavaScript. */
export async function LanguageSwitcher({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const t = await getTranslations('common');
  const current = await getLocale();
  const base = 'rounded px-2 py-1 text-sm font-medium';
  const idle = tone === 'dark' ? 'text-slate-100 hover:bg-slate-700' : 'text-slate-700 hover:bg-slate-200';
  const active = tone === 'dark' ? 'bg-slate-100 text-slate-900' : 'bg-slate-800 text-white';
  return (
    <form action={switchLocale} aria-label={t('language')} className="flex items-center gap-1">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className={`${base} ${locale === current ? active : idle}`}
        >
          {t(`languages.${locale}`)}
        </button>
      ))}
    </form>
  );
}
