import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { linkClass } from '@/app/_ui/styles';
import { AuthCard } from '../auth-card';
import { ForgotForm } from './forgot-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('users.forgot'))('title') };
}

/** Issue 12: "forgot password" asks for the email and sends a link (1 hour, once). */
export default async function ForgotPasswordPage() {
  const t = await getTranslations('users.forgot');
  return (
    <AuthCard title={t('title')} intro={t('intro')}>
      <ForgotForm />
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className={linkClass}>
          {t('back')}
        </Link>
      </p>
    </AuthCard>
  );
}
