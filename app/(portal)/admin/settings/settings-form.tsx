'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, FieldError, FormError, errorKeyFor } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { inputClass } from '@/app/_ui/styles';
import { useFocusFirstError } from '@/app/_ui/use-focus-first-error';
import { updateTenantSettings } from '../actions';
import { RequirePinField } from './require-pin-field';

export interface SettingsValues {
  name: string;
  timezone: string;
  language: string;
  sipDomain: string;
  portalNumbers: string;
  earlyJoinMinutes: string;
  anonymousCallers: 'accept' | 'reject';
  dialOutClasses: string[];
  outboundRoute: string;
  maskCallerNumbers: boolean;
  requirePin: boolean;
}

/** The service names a refused portal number by its place in the list (`portalNumbers.2`); the admin reads it by its line. */
function portalNumberErrors(errors: Record<string, string> | undefined, typed: string): { line: number; value: string; code: string }[] {
  if (!errors) return [];
  const lines = typed.split('\n');
  const items = lines.flatMap((text, index) => text.split(',').map((part) => ({ line: index + 1, value: part.trim() }))).filter((item) => item.value);
  return Object.entries(errors).flatMap(([field, code]) => {
    const match = /^portalNumbers\.(\d+)$/.exec(field);
    const item = match ? items[Number(match[1])] : undefined;
    return item ? [{ ...item, code }] : [];
  });
}

interface Props {
  initial: SettingsValues;
  zones: string[];
  languages: readonly string[];
  dialOutClasses: readonly string[];
}

/** T-2, A-5, D-2: what a tenant admin may change. */
export function SettingsForm({ initial, zones, languages, dialOutClasses }: Props) {
  const t = useTranslations('admin.settings');
  const [state, formAction] = useActionState(updateTenantSettings, null);
  const formRef = useFocusFirstError(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const typed = state && !state.ok ? state.values : undefined;
  const values = { ...initial, ...typed };
  // After a refused save the boxes stay as the admin left them (none ticked sends nothing).
  const classes = typed ? (typed.dialOutClasses ?? '').split('\n') : initial.dialOutClasses;
  const err = (name: string) => errorKeyFor(errors, name);
  const numberErrors = portalNumberErrors(errors, values.portalNumbers);
  const tErrors = useTranslations('errors');
  const described = (name: string, hint = false) =>
    [hint ? `${name}-hint` : '', err(name) ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-8">
      <FormError state={state} />
      {state?.ok && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          {t('saved')}
        </p>
      )}
      <div className="grid gap-6 sm:grid-cols-2">
        <Field name="name" label={t('name')} error={err('name')} defaultValue={values.name} required />
        <Field name="timezone" label={t('timezone')} error={err('timezone')}>
          <select id="timezone" name="timezone" defaultValue={values.timezone} aria-invalid={err('timezone') ? true : undefined} aria-describedby={described('timezone')} className={inputClass}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </Field>
        <Field name="language" label={t('language')} hint={t('languageHint')} error={err('language')}>
          <select id="language" name="language" defaultValue={values.language} aria-invalid={err('language') ? true : undefined} aria-describedby={described('language', true)} className={inputClass}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="sipDomain" label={t('sipDomain')} hint={t('sipDomainHint')} error={err('sipDomain')} defaultValue={values.sipDomain} required />
        <Field name="portalNumbers" label={t('portalNumbers')} hint={t('portalNumbersHint')} error={numberErrors.length > 0 ? undefined : err('portalNumbers')}>
          <textarea
            id="portalNumbers"
            name="portalNumbers"
            rows={3}
            defaultValue={values.portalNumbers}
            aria-invalid={err('portalNumbers') ? true : undefined}
            aria-describedby={numberErrors.length > 0 ? 'portalNumbers-hint portalNumbers-lines' : described('portalNumbers', true)}
            className={`${inputClass} font-mono`}
          />
          {numberErrors.length > 0 && (
            <ul id="portalNumbers-lines" className="mt-1 space-y-1 text-sm font-medium text-red-800">
              {numberErrors.map((e) => (
                <li key={e.line + e.value}>
                  {t('portalNumberLine', { line: e.line, value: e.value })} {tErrors.has(e.code) ? tErrors(e.code) : tErrors('field.invalid')}
                </li>
              ))}
            </ul>
          )}
        </Field>
        <Field name="earlyJoinMinutes" type="number" label={t('earlyJoinMinutes')} hint={t('earlyJoinMinutesHint')} error={err('earlyJoinMinutes')} defaultValue={values.earlyJoinMinutes} inputMode="numeric" />
        <Field name="outboundRoute" label={t('outboundRoute')} hint={t('outboundRouteHint')} error={err('outboundRoute')} defaultValue={values.outboundRoute} />
      </div>

      <div className="grid gap-6 sm:grid-cols-2">
        <fieldset aria-describedby={err('rejectAnonymous') ? 'anonymousCallers-error' : undefined}>
          <legend className="mb-2 text-sm font-medium text-slate-800">{t('anonymousCallers')}</legend>
          {(['accept', 'reject'] as const).map((choice) => (
            <label key={choice} className="flex items-center gap-2 py-1 text-sm text-slate-800">
              <input type="radio" name="anonymousCallers" value={choice} defaultChecked={values.anonymousCallers === choice} className="h-4 w-4 text-indigo-700" />
              {t(`anonymous.${choice}`)}
            </label>
          ))}
          <FieldError id="anonymousCallers-error" code={err('rejectAnonymous')} />
        </fieldset>
        <RequirePinField defaultChecked={typed ? typed.requirePin === 'on' : initial.requirePin} />
        <fieldset aria-describedby={`dialOutClasses-hint${err('dialOutClasses') ? ' dialOutClasses-error' : ''}`}>
          <legend className="mb-2 text-sm font-medium text-slate-800">{t('dialOutClasses')}</legend>
          <p id="dialOutClasses-hint" className="mb-2 text-xs text-slate-600">
            {t('dialOutClassesHint')}
          </p>
          {dialOutClasses.map((c) => (
            <label key={c} className="flex items-center gap-2 py-1 text-sm text-slate-800">
              <input
                type="checkbox"
                name="dialOutClasses"
                value={c}
                defaultChecked={classes.includes(c)}
                className="h-4 w-4 rounded text-indigo-700"
              />
              {t(`classes.${c}`)}
            </label>
          ))}
          <FieldError id="dialOutClasses-error" code={err('dialOutClasses')} />
        </fieldset>
        <fieldset aria-describedby="maskCallerNumbers-hint">
          <legend className="mb-2 text-sm font-medium text-slate-800">{t('callerNumbers')}</legend>
          <label className="flex items-center gap-2 py-1 text-sm text-slate-800">
            <input
              type="checkbox"
              name="maskCallerNumbers"
              defaultChecked={typed ? typed.maskCallerNumbers === 'on' : initial.maskCallerNumbers}
              className="h-4 w-4 rounded text-indigo-700"
            />
            {t('maskCallerNumbers')}
          </label>
          <p id="maskCallerNumbers-hint" className="mt-1 text-xs text-slate-600">
            {t('maskCallerNumbersHint')}
          </p>
        </fieldset>
      </div>

      <SubmitButton>{t('save')}</SubmitButton>
    </form>
  );
}
