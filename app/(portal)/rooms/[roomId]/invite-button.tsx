'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FormError } from '@/app/_ui/field';
import { useFocusOnSuccess } from '@/app/_ui/focus-result';
import { SubmitButton } from '@/app/_ui/submit-button';
import { sendInvitations } from './actions';

/** M-3: says how many members the press will email, then how many it did. */
export function InviteButton({ roomId, toInvite, copyPending }: { roomId: string; toInvite: number; copyPending: boolean }) {
  const t = useTranslations('invitations');
  const [state, formAction] = useActionState(sendInvitations, null);
  const sent = useFocusOnSuccess<HTMLParagraphElement>(state);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-4">
      <input type="hidden" name="roomId" value={roomId} />
      <SubmitButton>{t('send')}</SubmitButton>
      <p className="text-sm text-slate-700">
        {t('willSend', { count: toInvite })} {copyPending ? t('copyPending') : ''}
      </p>
      <p ref={sent} tabIndex={-1} aria-live="polite" className="w-full text-sm font-medium text-emerald-800">
        {state?.ok ? t('sent', { count: state.data.sent }) : ''}
      </p>
      <FormError state={state} />
    </form>
  );
}
