import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/app/_ui/language-switcher';
import { safeCallbackPath } from '@/app/lib/callback-url';
import { linkClass } from '@/app/_ui/styles';
import { currentActor } from '@/app/lib/session';
import { SignInForm } from './sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await currentActor()) redirect(callbackUrl ?? '/rooms');
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <p className="text-lg font-semibold text-slate-900">{t('common.product')}</p>
        <LanguageSwitcher />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-16">
        <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
          <h1 className="mb-1 text-2xl font-semibold">{t('auth.title')}</h1>
          <p className="mb-6 text-sm text-slate-600">{t('auth.intro')}</p>
          <SignInForm callbackUrl={callbackUrl} />
          <p className="mt-4 text-sm">
            <Link href="/forgot-password" className={linkClass}>
              {t('users.forgot.link')}
            </Link>
          </p>
        </div>
      </main>
    </div>
  );
}
