import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/app/_ui/language-switcher';

/** The frame of the pages reached signed out (password links), like the sign-in page's. */
export async function AuthCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <p className="text-lg font-semibold text-slate-900">{t('product')}</p>
        <LanguageSwitcher />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-16">
        <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="mb-1 text-2xl font-semibold">{title}</h1>
          {intro && <p className="mb-6 text-sm text-slate-600">{intro}</p>}
          {children}
        </div>
      </main>
    </div>
  );
}
