'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { authenticate } from '@/app/lib/authenticate';
import { SubmitButton } from '@/app/_ui/submit-button';
import { inputClass, labelClass } from '@/app/_ui/styles';

export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const t = useTranslations('auth');
  const [state, action] = useActionState(authenticate, { failed: false, email: '' });
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {state.failed && (
        <p id="sign-in-error" role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.retryAfterMinutes ? t('throttled', { minutes: state.retryAfterMinutes }) : t('failed')}
        </p>
      )}
      <div>
        <label htmlFor="email" className={labelClass}>
          {t('email')}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-describedby={state.failed ? 'sign-in-error' : undefined}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="password" className={labelClass}>
          {t('password')}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      <SubmitButton className="w-full">{t('submit')}</SubmitButton>
    </form>
  );
}
