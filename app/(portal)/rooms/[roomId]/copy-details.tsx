'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { inputClass, secondaryButtonClass } from '@/app/_ui/styles';

/** Issue 12: the dial-in details as text, copied in one click (and shown to select by hand where the clipboard is refused). */
export function CopyDetails({ text }: { text: string }) {
  const t = useTranslations('roomTools');
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <div>
      <button type="button" className={secondaryButtonClass} onClick={copy}>
        {t('copy')}
      </button>
      <p aria-live="polite" className="mt-1 text-sm text-slate-700">
        {outcome ? t(outcome) : ''}
      </p>
      {outcome === 'failed' && (
        <textarea readOnly aria-label={t('copyTextLabel')} value={text} rows={7} className={`${inputClass} mt-2 font-mono`} onFocus={(e) => e.currentTarget.select()} />
      )}
    </div>
  );
}
