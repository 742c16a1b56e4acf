'use client';

import { useActionState, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { FormState } from '@/app/lib/run-action';
import { FormError } from './field';
import { SubmitButton } from './submit-button';
import { secondaryButtonClass } from './styles';
import { useFocusFirstError } from './use-focus-first-error';

interface Props {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  /** Sent as hidden fields (the row's id). */
  hidden: Record<string, string>;
  /** The button's text; a row's button names its row (visibly or for screen readers only). */
  triggerLabel: ReactNode;
  title: string;
  submitLabel: string;
  /** The fields, given the last refusal (to show its errors and what was typed). */
  children: (state: FormState) => ReactNode;
  /** Shown in the dialog after success instead of closing it (e.g. "the email was sent"), with a close button. */
  done?: { message: (data: unknown) => string; close: string };
  /** Also list the field messages at the top, for forms whose fields do not show their own. */
  withFieldMessages?: boolean;
}

/**
 * A row's non-destructive action in a modal dialog (edit, send a link): it traps focus, closes
 * with Escape, fits a 390 px screen, and lands on the first field to fix after a refusal. Each
 * opening starts afresh: no error or "sent" from the last time.
 */
export function DialogForm({ triggerLabel, ...props }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The fields exist only while the dialog is open: a page of rows has one labelled "Name" field, not one per row.
  const [opened, setOpened] = useState(0);
  const [open, setOpen] = useState(false);
  const titleId = `dialog-${Object.values(props.hidden).join('-')}-${props.submitLabel.replace(/\W+/g, '-')}`;
  return (
    <>
      <button
        type="button"
        className="rounded px-2 py-1 text-sm font-medium text-indigo-800 underline-offset-2 hover:underline"
        onClick={() => {
          setOpened((n) => n + 1);
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        {triggerLabel}
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 text-left shadow-xl"
      >
        {open && <DialogBody key={opened} {...props} titleId={titleId} close={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}

function DialogBody({
  action,
  hidden,
  title,
  submitLabel,
  children,
  done,
  withFieldMessages,
  titleId,
  close,
}: Omit<Props, 'triggerLabel'> & { titleId: string; close: () => void }) {
  const t = useTranslations('common');
  const [state, formAction] = useActionState(action, null);
  const form = useFocusFirstError(state);
  useEffect(() => {
    if (state?.ok && !done) close();
  }, [state, done, close]);
  const finished = Boolean(state?.ok && done);
  return (
    <form ref={form} action={formAction} noValidate className="space-y-4 p-6">
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <FormError state={state} withFieldMessages={withFieldMessages} />
      {finished && state?.ok && done ? (
        <p role="status" className="text-sm font-medium text-emerald-800">
          {done.message(state.data)}
        </p>
      ) : (
        children(state)
      )}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap justify-end gap-3">
        <button type="button" className={secondaryButtonClass} onClick={close}>
          {finished && done ? done.close : t('cancel')}
        </button>
        {!finished && <SubmitButton>{submitLabel}</SubmitButton>}
      </div>
    </form>
  );
}
