import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { linkClass } from '@/app/_ui/styles';
import { passwordLinkWorks } from '@/server/users/password-links';
import { AuthCard } from '../../auth-card';
import { ResetForm } from './reset-form';

export async function generateMetadata(): Promise<Metadata> {
  // The link's secret is in this page's address: no Referer carries it anywhere.
  return { title: (await getTranslations('users.reset'))('title'), referrer: 'no-referrer' };
}

/** Issue 12: the emailed link. Showing the page does not use the link; choosing a password does. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('users.reset');
  if (!(await passwordLinkWorks(token, new Date())))
    return (
      <AuthCard title={t('title')}>
        <p role="alert" className="mb-4 text-sm text-slate-800">
          {t('invalid')}
        </p>
        <Link href="/forgot-password" className={linkClass}>
          {t('again')}
        </Link>
      </AuthCard>
    );
  return (
    <AuthCard title={t('title')} intro={t('intro')}>
      <ResetForm token={token} />
    </AuthCard>
  );
}
