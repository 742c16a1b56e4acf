'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { requestLink } from './request-link';

export function ForgotForm() {
  const t = useTranslations('users.forgot');
  const [state, action] = useActionState(requestLink, null);
  if (state?.sent)
    return (
      <p role="status" className="rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {t('sent', { email: state.email })}
      </p>
    );
  return (
    <form action={action} noValidate className="space-y-4">
      {state?.retryAfterMinutes && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t('throttled', { minutes: state.retryAfterMinutes })}
        </p>
      )}
      <Field name="email" label={t('email')} type="email" autoComplete="username" required defaultValue={state?.email} error={state?.error} />
      <SubmitButton className="w-full">{t('submit')}</SubmitButton>
    </form>
  );
}
