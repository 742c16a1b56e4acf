'use client';

import { useActionState, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { ConfirmAction } from '@/app/_ui/confirm-action';
import { FieldError, FormError } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { inputClass, labelClass } from '@/app/_ui/styles';
import { deleteAnnouncement, uploadAnnouncement } from '../actions';

export interface AnnouncementInfo {
  seconds: string;
  source: 'upload' | 'phone';
  updatedAt: string;
  /** Changes with each new file, so the player never plays a cached older one. */
  version: string;
}

/** T-2: the tenant's welcome announcement: listen, replace (WAV or MP3), delete. */
export function AnnouncementSection({ current, maxBytes }: { current: AnnouncementInfo | null; maxBytes: number }) {
  const t = useTranslations('admin.settings.announcement');
  const [state, formAction] = useActionState(uploadAnnouncement, null);
  // A file over the cap is refused here: the server would refuse the request before it could say why.
  const [tooBig, setTooBig] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const fieldError = tooBig ? 'announcement.tooBig' : state && !state.ok ? (state.fieldErrors.file ?? undefined) : undefined;

  return (
    <section aria-labelledby="announcement-title" className="space-y-4">
      <div>
        <h2 id="announcement-title" className="text-lg font-semibold">
          {t('title')}
        </h2>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>
      {current ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-800">{t(current.source === 'phone' ? 'currentPhone' : 'currentUpload', { seconds: current.seconds, date: current.updatedAt })}</p>
          <audio controls preload="none" src={`/admin/settings/announcement.wav?v=${current.version}`} aria-label={t('listen')} className="w-full max-w-md" />
          <ConfirmAction action={deleteAnnouncement} fields={{}} label={t('delete')} title={t('deleteTitle')} body={t('deleteBody')} confirmLabel={t('delete')} />
        </div>
      ) : (
        <p className="text-sm text-slate-800">{t('none')}</p>
      )}
      <form
        ref={form}
        action={formAction}
        noValidate
        className="space-y-3"
        onSubmit={(event) => {
          const file = (form.current?.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0];
          const over = !!file && file.size > maxBytes;
          setTooBig(over);
          if (over) event.preventDefault();
        }}
      >
        {state?.ok && (
          <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            {t('saved')}
          </p>
        )}
        {!tooBig && state && !state.ok && !state.fieldErrors.file && <FormError state={state} />}
        <div>
          <label htmlFor="announcement-file" className={labelClass}>
            {current ? t('replace') : t('file')}
          </label>
          <input
            id="announcement-file"
            name="file"
            type="file"
            accept=".wav,.mp3,audio/wav,audio/x-wav,audio/mpeg"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={['announcement-file-hint', fieldError ? 'announcement-file-error' : ''].filter(Boolean).join(' ')}
            className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1`}
            onChange={() => setTooBig(false)}
          />
          <p id="announcement-file-hint" className="mt-1 text-xs text-slate-600">
            {t('hint')}
          </p>
          <FieldError id="announcement-file-error" code={fieldError} />
        </div>
        <SubmitButton>{t('upload')}</SubmitButton>
      </form>
    </section>
  );
}
