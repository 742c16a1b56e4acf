'use client';

import { useActionState, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { Field, FormError, errorKeyFor } from '@/app/_ui/field';
import { focusWhenShown } from '@/app/_ui/focus-result';
import { SubmitButton } from '@/app/_ui/submit-button';
import { dialogClass, secondaryButtonClass } from '@/app/_ui/styles';
import { useFocusFirstError } from '@/app/_ui/use-focus-first-error';
import type { FormState } from '@/app/lib/run-action';
import type { MemberView } from '@/server/members/service';
import { replaceMember } from '../actions';

/** M-2: "edit" is offered as a shortcut; the server removes the member and adds the changed one. */
export function EditMember({ roomId, member }: { roomId: string; member: MemberView }) {
  const t = useTranslations('members');
  const tc = useTranslations('common');
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction] = useActionState(async (prev: FormState, formData: FormData) => {
    const result = await replaceMember(prev, formData);
    // M-2 replaces the member: the focus goes to the changed row, under its new id.
    const id = result?.ok ? (result.data as { id: string }).id : undefined;
    if (id) focusWhenShown(() => document.querySelector<HTMLElement>(`[data-member-id="${CSS.escape(id)}"]`));
    return result;
  }, null);
  const formRef = useFocusFirstError(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const prefix = `edit-${member.id}-`;
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        className="rounded px-2 py-1 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline"
        onClick={() => dialog.current?.showModal()}
      >
        {t('edit', { name: member.name })}
      </button>
      <dialog ref={dialog} aria-labelledby={`${prefix}title`} className={dialogClass}>
        <form ref={formRef} action={formAction} noValidate className="space-y-4 p-6">
          <h2 id={`${prefix}title`} className="text-lg font-semibold text-slate-900">
            {t('editTitle')}
          </h2>
          <p className="text-sm text-slate-700">{t('editBody')}</p>
          <FormError state={state} />
          <input type="hidden" name="roomId" value={roomId} />
          <input type="hidden" name="memberId" value={member.id} />
          <Field name="name" prefix={prefix} label={t('name')} error={errorKeyFor(errors, 'name')} defaultValue={values?.name ?? member.name} />
          <Field
            name="email"
            prefix={prefix}
            type="email"
            label={t('email')}
            error={errorKeyFor(errors, 'email')}
            defaultValue={values?.email ?? member.email ?? ''}
          />
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="sendEmail" defaultChecked={values ? values.sendEmail === 'on' : member.sendEmail} className="h-4 w-4 rounded border-slate-400 text-indigo-700" />
            {t('sendEmail')}
          </label>
          <div className="flex flex-wrap justify-end gap-3">
            <button type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>
              {tc('cancel')}
            </button>
            <SubmitButton>{t('save')}</SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
