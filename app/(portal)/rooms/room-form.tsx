'use client';

import { useActionState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Field, FormError, errorKeyFor } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { inputClass, linkClass, secondaryButtonClass } from '@/app/_ui/styles';
import { useDraft } from '@/app/_ui/use-draft';
import { useFocusFirstError } from '@/app/_ui/use-focus-first-error';
import type { FormState } from '@/app/lib/run-action';
import { RoomOptionsFields, type RoomOptionValues } from './room-options-fields';

export interface RoomFormValues {
  roomId?: string;
  roomNumber: string;
  name: string;
  startsAt: string;
  durationMinutes: string;
  pin: string;
  moderatorPin: string;
  description: string;
  options: RoomOptionValues;
}

interface Props {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  initial: RoomFormValues;
  durations: readonly number[];
  zone: string;
  submitLabel: string;
  cancelHref: string;
}

/** R-1..R-3, C-7, C-8: one form for create, edit and reschedule; each refusal sits under its own field. */
export function RoomForm({ action, initial, durations, zone, submitLabel, cancelHref }: Props) {
  const t = useTranslations('rooms.form');
  const [state, formAction] = useActionState(action, null);
  const formRef = useFocusFirstError(state);
  const tp = useTranslations('portal');
  // One draft per room (and one for a new room), kept across a reload until the form is sent.
  const draft = useDraft(formRef, `draft:room:${initial.roomId ?? 'new'}`, state);
  const values = { ...initial, ...(state && !state.ok ? state.values : {}) };
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const err = (name: string) => errorKeyFor(errors, name);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-6">
      <FormError state={state} />
      {draft.restored && (
        <p role="status" className="flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {tp('draft.restored')}
          <button type="button" onClick={draft.discard} className={linkClass}>
            {tp('draft.discard')}
          </button>
        </p>
      )}
      {values.roomId && <input type="hidden" name="roomId" value={values.roomId} />}
      <div className="grid gap-6 sm:grid-cols-2">
        <Field name="name" label={t('name')} error={err('name')} defaultValue={values.name} required />
        <Field name="roomNumber" label={t('roomNumber')} hint={t('roomNumberHint')} error={err('roomNumber')} defaultValue={values.roomNumber} inputMode="numeric" required />
        <Field name="startsAt" type="datetime-local" label={t('startsAt')} hint={t('startsAtHint', { zone })} error={err('startsAt')} defaultValue={values.startsAt} required />
        <Field name="durationMinutes" label={t('durationMinutes')} error={err('durationMinutes')}>
          <select
            id="durationMinutes"
            name="durationMinutes"
            defaultValue={values.durationMinutes}
            aria-invalid={err('durationMinutes') ? true : undefined}
            aria-describedby={err('durationMinutes') ? 'durationMinutes-error' : undefined}
            className={inputClass}
          >
            {durations.map((d) => (
              <option key={d} value={String(d)}>
                {t('minutes', { count: d })}
              </option>
            ))}
          </select>
        </Field>
        <Field name="pin" label={t('pin')} hint={t('pinHint')} error={err('pin')} defaultValue={values.pin} inputMode="numeric" autoComplete="off" />
        <Field name="moderatorPin" label={t('moderatorPin')} hint={t('moderatorPinHint')} error={err('moderatorPin')} defaultValue={values.moderatorPin} inputMode="numeric" autoComplete="off" />
      </div>
      <Field name="description" label={t('description')} error={err('description')}>
        <textarea
          id="description"
          name="description"
          rows={3}
          defaultValue={values.description}
          aria-invalid={err('description') ? true : undefined}
          aria-describedby={err('description') ? 'description-error' : undefined}
          className={inputClass}
        />
      </Field>
      <RoomOptionsFields initial={initial.options} submitted={state && !state.ok ? state.values : undefined} error={err} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link href={cancelHref} onClick={draft.discard} className={secondaryButtonClass}>
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}
