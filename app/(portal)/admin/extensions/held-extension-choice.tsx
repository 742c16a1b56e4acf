'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { inputClass, labelClass } from '@/app/_ui/styles';

/**
 * Issue 12: deleting an extension a user holds says so and asks what becomes of the user: no
 * extension, or another one (an existing free one or a new number). Nothing is chosen for them.
 */
export function HeldExtensionChoice({ idPrefix, number, holder }: { idPrefix: string; number: string; holder: string }) {
  const t = useTranslations('users');
  const [choice, setChoice] = useState<'detach' | 'reassign' | null>(null);
  return (
    <fieldset className="space-y-2 text-left">
      <legend className="mb-2">{t('heldDeleteBody', { number, name: holder })}</legend>
      <label className="flex items-start gap-2">
        <input type="radio" name="onHeld" value="detach" checked={choice === 'detach'} onChange={() => setChoice('detach')} className="mt-1" />
        <span>{t('detach', { name: holder })}</span>
      </label>
      <label className="flex items-start gap-2">
        <input type="radio" name="onHeld" value="reassign" checked={choice === 'reassign'} onChange={() => setChoice('reassign')} className="mt-1" />
        <span>{t('reassign', { name: holder })}</span>
      </label>
      {choice === 'reassign' && (
        <div className="pl-6">
          <label htmlFor={`${idPrefix}reassignTo`} className={labelClass}>
            {t('reassignTo')}
          </label>
          <input id={`${idPrefix}reassignTo`} name="reassignTo" inputMode="numeric" aria-describedby={`${idPrefix}reassignTo-hint`} className={inputClass} />
          <p id={`${idPrefix}reassignTo-hint`} className="mt-1 text-xs text-slate-600">
            {t('reassignHint')}
          </p>
        </div>
      )}
    </fieldset>
  );
}
