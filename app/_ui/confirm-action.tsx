'use client';

import { useActionState, useEffect, useRef, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { FormState } from '@/app/lib/run-action';
import { FormError } from './field';
import { focusWhenShown } from './focus-result';
import { SubmitButton } from './submit-button';
import { dangerButtonClass, dialogClass, secondaryButtonClass } from './styles';

interface Props {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  /** Smaller trigger for table rows. */
  compact?: boolean;
}

/** A destructive action asks first, in a modal dialog that traps focus and closes with Escape. */
export function ConfirmAction({ action, fields, label, title, body, confirmLabel, compact }: Props) {
  const t = useTranslations('common');
  const dialog = useRef<HTMLDialogElement>(null);
  // The list around the trigger: when the action removes the trigger's row, the focus goes there.
  const anchor = useRef<HTMLElement | null>(null);
  const [state, formAction] = useActionState(async (prev: FormState, formData: FormData) => {
    const result = await action(prev, formData);
    // Once the dialog is closed or gone: the page outside it is inert while it is open.
    if (result?.ok) focusWhenShown(() => (dialog.current?.open ? null : anchor.current));
    return result;
  }, null);
  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);
  const titleId = `confirm-${Object.values(fields).join('-')}-title`;
  const trigger = compact
    ? 'rounded px-2 py-1 text-sm font-medium text-red-800 underline-offset-2 hover:underline'
    : dangerButtonClass;
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        className={trigger}
        onClick={(event) => {
          anchor.current = event.currentTarget.closest<HTMLElement>('[data-after-action]');
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className={dialogClass}>
        <form action={formAction} className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="text-sm text-slate-700">{body}</div>
          <FormError state={state} withFieldMessages />
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="flex flex-wrap justify-end gap-3">
            <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>
              {t('cancel')}
            </button>
            <SubmitButton variant={dangerButtonClass}>{confirmLabel}</SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
