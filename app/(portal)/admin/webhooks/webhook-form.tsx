'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, FieldError, FormError, errorKeyFor } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { inputClass } from '@/app/_ui/styles';
import { useFocusFirstError } from '@/app/_ui/use-focus-first-error';
import { createWebhook } from '../actions';

/** Registers an endpoint; its signing secret is shown once, right after. */
export function WebhookForm({ eventTypes }: { eventTypes: string[] }) {
  const t = useTranslations('webhooks');
  const [state, formAction] = useActionState(createWebhook, null);
  const formRef = useFocusFirstError(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const eventsError = errorKeyFor(errors, 'events');
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError state={state} />
      <Field name="url" label={t('url')} hint={t('urlHint')} type="url" required error={errorKeyFor(errors, 'url')} prefix="webhook-" />
      <fieldset aria-describedby={eventsError ? 'webhook-events-error' : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-800">{t('events')}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {eventTypes.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={type} defaultChecked className="h-4 w-4" />
              <span className="font-mono">{type}</span>
            </label>
          ))}
        </div>
        <FieldError id="webhook-events-error" code={eventsError} />
      </fieldset>
      <SubmitButton>{t('add')}</SubmitButton>
      {state?.ok && (
        <div role="status" className="space-y-1 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          <label htmlFor="webhook-secret" className="block font-medium">
            {t('secret')}
          </label>
          <input id="webhook-secret" readOnly value={state.data.secret} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
    </form>
  );
}
