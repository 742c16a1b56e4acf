import type { ReactNode } from 'react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/app/_ui/language-switcher';
import { NavLink } from '@/app/_ui/nav-link';
import { leave } from '@/app/lib/authenticate';
import { requireActor } from '@/app/lib/session';
import { isAdmin } from '@/server/auth/actor';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const [t, security, history] = await Promise.all([getTranslations('common'), getTranslations('security'), getTranslations('history')]);
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
        {t('skipToContent')}
      </a>
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/rooms" className="text-base font-semibold tracking-tight text-white">
            {t('product')}
          </Link>
          <nav aria-label={t('mainNav')} className="order-last flex w-full flex-wrap items-center gap-1 md:order-none md:w-auto md:flex-1">
            <NavLink href="/rooms">
              {t('nav.rooms')}
            </NavLink>
            <NavLink href="/history">
              {history('nav')}
            </NavLink>
            <NavLink href="/account">
              {security('nav')}
            </NavLink>
            {isAdmin(actor) && (
              <>
                <NavLink href="/admin/extensions">
                  {t('nav.extensions')}
                </NavLink>
                <NavLink href="/admin/directory">
                  {t('nav.directory')}
                </NavLink>
                <NavLink href="/admin/users">
                  {t('nav.users')}
                </NavLink>
                <NavLink href="/admin/usage">
                  {history('usage.nav')}
                </NavLink>
                <NavLink href="/admin/settings">
                  {t('nav.settings')}
                </NavLink>
              </>
            )}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <LanguageSwitcher tone="dark" />
            <span className="hidden text-sm text-slate-300 sm:inline">{actor.name}</span>
            <form action={leave}>
              <button type="submit" className="rounded border border-slate-500 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700">
                {t('signOut')}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}
