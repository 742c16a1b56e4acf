'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, FormError, errorKeyFor } from '@/app/_ui/field';
import { useFocusOnSuccess } from '@/app/_ui/focus-result';
import { SubmitButton } from '@/app/_ui/submit-button';
import { useFocusFirstError } from '@/app/_ui/use-focus-first-error';
import { createApiToken } from './actions';

/** Issue 13: a new token with a name and an optional expiry; the token itself is shown once, here. */
export function TokenForm() {
  const t = useTranslations('security.account');
  const [state, formAction] = useActionState(createApiToken, null);
  const formRef = useFocusFirstError(state);
  const created = useFocusOnSuccess<HTMLDivElement>(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError state={state} />
      {state?.ok && (
        <div ref={created} tabIndex={-1} role="status" className="rounded border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
          <p className="font-medium">{t('created')}</p>
          <p className="mt-2 break-all font-mono text-base" data-testid="new-token">
            {state.data.token}
          </p>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label={t('name')} prefix="token-" error={errorKeyFor(errors, 'name')} defaultValue={values?.name} />
        <Field
          name="expiresInDays"
          label={t('expiresInDays')}
          hint={t('expiresHint')}
          prefix="token-"
          inputMode="numeric"
          error={errorKeyFor(errors, 'expiresInDays')}
          defaultValue={values?.expiresInDays ?? '90'}
        />
      </div>
      <SubmitButton>{t('create')}</SubmitButton>
    </form>
  );
}
