'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FormError } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { secondaryButtonClass } from '@/app/_ui/styles';
import { duplicateRoom } from '../actions';

/** Issue 12: a copy of the room with a new number and PIN, its members, nobody invited; opens the copy. */
export function DuplicateButton({ roomId }: { roomId: string }) {
  const t = useTranslations('roomTools');
  const [state, formAction] = useActionState(duplicateRoom, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="roomId" value={roomId} />
      <SubmitButton variant={secondaryButtonClass}>{t('duplicate')}</SubmitButton>
      <FormError state={state} withFieldMessages />
    </form>
  );
}
