'use client';

import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { inputClass, labelClass } from './styles';

/** The errors-catalogue key for a field, also when the service named an item of it (`portalNumbers.1`). */
export function errorKeyFor(fieldErrors: Record<string, string> | undefined, name: string): string | undefined {
  if (!fieldErrors) return undefined;
  return fieldErrors[name] ?? Object.entries(fieldErrors).find(([field]) => field.startsWith(`${name}.`))?.[1];
}

/** the message sits under its field and is announced with it (aria-describedby). */
export function FieldError({ id, code }: { id: string; code?: string }) {
  const t = useTranslations('errors');
  if (!code) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-800">
      {t.has(code) ? t(code) : t('field.invalid')}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  defaultValue?: string;
  type?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'email' | 'text' | 'tel';
  autoComplete?: string;
  children?: ReactNode;
  prefix?: string;
}

export function Field({ name, label, error, hint, type = 'text', prefix = '', children, ...input }: FieldProps) {
  const id = `${prefix}${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children ?? (
        <input
          id={id}
          name={name}
          type={type}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={inputClass}
          {...input}
        />
      )}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} code={error} />
    </div>
  );
}

/**
 * The sentence for the whole form: what went wrong (a conflict, a refusal, a missing item). Forms
 * without visible fields (confirmations) also list the field messages, which have nowhere else to go.
 */
export function FormError({
  state,
  withFieldMessages = false,
}: {
  state: { ok: boolean; code?: string; fieldErrors?: Record<string, string> } | null;
  withFieldMessages?: boolean;
}) {
  const t = useTranslations('errors');
  if (!state || state.ok) return null;
  const say = (code: string) => (t.has(code) ? t(code) : t('action.failed'));
  const details = withFieldMessages ? [...new Set(Object.values(state.fieldErrors ?? {}))].filter((c) => c !== state.code) : [];
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p>{say(state.code ?? 'action.failed')}</p>
      {details.map((code) => (
        <p key={code}>{say(code)}</p>
      ))}
    </div>
  );
}
