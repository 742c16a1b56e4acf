'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { ConfirmAction } from '@/app/_ui/confirm-action';
import { FormError } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { cardClass, inputClass, secondaryButtonClass } from '@/app/_ui/styles';
import { createRoomLink, deleteRoomLink } from './actions';

type Kind = 'tracking' | 'control';

/**
 * L-3 on the room page: each link's state, create/regenerate and delete. Only a hash of the token
 * is kept, so an address is shown (with a copy button) right after it is made, like API tokens.
 */
export function LiveLinks({ roomId, links }: { roomId: string; links: { kind: Kind; since: string }[] }) {
  const t = useTranslations('live');
  return (
    <section aria-labelledby="live-links" className={`${cardClass} space-y-4 p-6`}>
      <h2 id="live-links" className="text-base font-semibold">
        {t('links.heading')}
      </h2>
      <p className="text-sm text-slate-700">{t('links.intro')}</p>
      {(['tracking', 'control'] as const).map((kind) => (
        <LinkRow key={kind} roomId={roomId} kind={kind} since={links.find((l) => l.kind === kind)?.since ?? null} />
      ))}
    </section>
  );
}

function LinkRow({ roomId, kind, since }: { roomId: string; kind: Kind; since: string | null }) {
  const t = useTranslations('live');
  const [state, formAction] = useActionState(createRoomLink, null);
  const [copied, setCopied] = useState(false);
  // Shown while the link it belongs to exists: a deleted link's address is dead.
  const url = state?.ok && since !== null ? state.data.url : null;
  const exists = since !== null;
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="space-y-2 border-t border-slate-200 pt-4" data-testid={`link-${kind}`}>
      <h3 className="font-medium">{t(`links.${kind}`)}</h3>
      <p className="text-sm text-slate-700">{since ? t('links.since', { time: since }) : t('links.none')}</p>
      {url && (
        <div className="space-y-1">
          <label htmlFor={`link-url-${kind}`} className="block text-sm font-medium text-slate-800">
            {t('links.newUrl')}
          </label>
          <div className="flex flex-wrap gap-2">
            <input id={`link-url-${kind}`} readOnly value={url} className={`${inputClass} min-w-0 flex-1 font-mono`} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className={secondaryButtonClass} onClick={copy}>
              {t('links.copy')}
            </button>
          </div>
          <p aria-live="polite" className="text-sm text-slate-700">
            {copied ? t('links.copied') : ''}
          </p>
        </div>
      )}
      <div className="flex flex-wrap items-start gap-3">
        <form action={formAction}>
          <input type="hidden" name="roomId" value={roomId} />
          <input type="hidden" name="kind" value={kind} />
          <SubmitButton variant={secondaryButtonClass}>{exists ? t('links.regenerate') : t('links.create')}</SubmitButton>
          <FormError state={state} withFieldMessages />
        </form>
        {exists && (
          <ConfirmAction
            action={deleteRoomLink}
            fields={{ roomId, kind }}
            label={t('links.delete')}
            title={t('links.deleteTitle')}
            body={t('links.deleteBody')}
            confirmLabel={t('links.delete')}
          />
        )}
      </div>
    </div>
  );
}
