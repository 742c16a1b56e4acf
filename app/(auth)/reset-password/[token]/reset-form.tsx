'use client';

import { useActionState, useEffect, useRef } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Field, FieldError } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { linkClass } from '@/app/_ui/styles';
import { resetPassword } from './reset';

export function ResetForm({ token }: { token: string }) {
  const t = useTranslations('users.reset');
  const admin = useTranslations('admin');
  const [state, action] = useActionState(resetPassword, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state && !state.done) form.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }, [state]);
  if (state?.done)
    return (
      <div role="status" className="space-y-3 text-sm">
        <p className="rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">{t('done')}</p>
        <Link href="/sign-in" className={linkClass}>
          {t('signIn')}
        </Link>
      </div>
    );
  const errors = state?.fieldErrors ?? {};
  return (
    <form ref={form} action={action} noValidate className="space-y-4">
      {errors.token && (
        <div role="alert" tabIndex={-1} className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <FieldError id="token-error" code={errors.token} />
          <Link href="/forgot-password" className={linkClass}>
            {t('again')}
          </Link>
        </div>
      )}
      <input type="hidden" name="token" value={token} />
      <Field
        name="password"
        label={t('password')}
        type="password"
        autoComplete="new-password"
        hint={admin('hints.password')}
        required
        error={errors.password}
      />
      <Field name="confirm" label={t('confirm')} type="password" autoComplete="new-password" required error={errors.confirm} />
      <SubmitButton className="w-full">{t('submit')}</SubmitButton>
    </form>
  );
}
