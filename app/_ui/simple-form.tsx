'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormState } from '@/app/lib/run-action';
import { Field, FormError, errorKeyFor } from './field';
import { useFocusOnSuccess } from './focus-result';
import { inputClass } from './styles';
import { SubmitButton } from './submit-button';
import { useFocusFirstError } from './use-focus-first-error';

export interface SimpleField {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel';
  hint?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'tel';
  options?: { value: string; label: string }[];
}

/** The add forms of the admin pages: a row of labelled fields, each with its own error. */
export function SimpleForm({
  action,
  fields,
  submitLabel,
  idPrefix,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  fields: SimpleField[];
  submitLabel: string;
  idPrefix: string;
}) {
  const t = useTranslations('common');
  const [state, formAction] = useActionState(action, null);
  const formRef = useFocusFirstError(state);
  const saved = useFocusOnSuccess<HTMLParagraphElement>(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError state={state} />
      {state?.ok && (
        <p ref={saved} tabIndex={-1} role="status" className="text-sm font-medium text-emerald-800">
          {t('saved')}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {fields.map(({ options, ...field }) => {
          const error = errorKeyFor(errors, field.name);
          const id = `${idPrefix}${field.name}`;
          return options ? (
            <Field key={field.name} {...field} prefix={idPrefix} error={error}>
              <select
                id={id}
                name={field.name}
                defaultValue={values?.[field.name] ?? options[0]?.value}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                className={inputClass}
              >
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <Field
              key={field.name}
              {...field}
              prefix={idPrefix}
              error={error}
              defaultValue={field.type === 'password' ? undefined : values?.[field.name]}
            />
          );
        })}
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
