'use client';

import { useTranslations } from 'next-intl';
import { buttonClass } from '@/app/_ui/styles';

/** Shown instead of a blank page when something unexpected fails on the server. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('common.error');
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('body')}</p>
      <button type="button" onClick={reset} className={`${buttonClass} mt-6`}>
        {t('retry')}
      </button>
    </main>
  );
}
