import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { linkClass } from '@/app/_ui/styles';

export default async function NotFound() {
  const t = await getTranslations('common.notFound');
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('body')}</p>
      <p className="mt-6">
        <Link href="/rooms" className={linkClass}>
          {t('back')}
        </Link>
      </p>
    </main>
  );
}
