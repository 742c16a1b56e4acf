'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { FieldError } from '@/app/_ui/field';
import { inputClass, labelClass } from '@/app/_ui/styles';

export const REPORT_CHOICES = ['none', 'organizer', 'other'] as const;
export type ReportChoice = (typeof REPORT_CHOICES)[number];

/** The room options as the form shows them (C-7, C-2, REC-1, H-5). */
export interface RoomOptionValues {
  enterMuted: boolean;
  waitForModerator: boolean;
  endWhenLastModeratorLeaves: boolean;
  announceJoinLeave: boolean;
  announceRecording: boolean;
  recordFromStart: boolean;
  maxParticipants: string;
  reportTo: ReportChoice;
  reportEmail: string;
  reportWhenAlone: boolean;
}

const SWITCHES = ['enterMuted', 'waitForModerator', 'endWhenLastModeratorLeaves', 'announceJoinLeave', 'announceRecording', 'recordFromStart'] as const;
type Switch = (typeof SWITCHES)[number];
const HINTS: Partial<Record<Switch, string>> = {
  enterMuted: 'enterMutedHint',
  waitForModerator: 'waitForModeratorHint',
  endWhenLastModeratorLeaves: 'endWhenLastModeratorLeavesHint',
};

interface Props {
  initial: RoomOptionValues;
  /** What was typed before a refusal: unchecked boxes are absent from it. */
  submitted?: Record<string, string>;
  error: (name: string) => string | undefined;
}

/** The options of a room, in the room form: switches, the limit, who gets the report. */
export function RoomOptionsFields({ initial, submitted, error }: Props) {
  const t = useTranslations('roomOptions');
  const checked = (name: Switch | 'reportWhenAlone') => (submitted ? submitted[name] === 'on' : initial[name]);
  // Uncontrolled like every field of the form: React resets a form after its action, to the
  // default values, which are what was submitted; the state only shows or hides the address.
  const chosen = REPORT_CHOICES.find((c) => c === submitted?.reportTo) ?? initial.reportTo;
  const [reportTo, setReportTo] = useState<ReportChoice>(chosen);
  const reportError = error('reportRecipient');

  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-base font-semibold text-slate-900">{t('title')}</legend>
      {SWITCHES.map((name) => (
        <div key={name} className={name === 'endWhenLastModeratorLeaves' ? 'pl-6' : undefined}>
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name={name}
              defaultChecked={checked(name)}
              aria-describedby={HINTS[name] ? `${name}-hint` : undefined}
              className="mt-0.5 h-4 w-4 rounded border-slate-400 text-indigo-700"
            />
            <span>{t(name)}</span>
          </label>
          {HINTS[name] && (
            <p id={`${name}-hint`} className="ml-6 text-xs text-slate-600">
              {t(HINTS[name])}
            </p>
          )}
        </div>
      ))}
      <div className="max-w-xs">
        <label htmlFor="maxParticipants" className={labelClass}>
          {t('maxParticipants')}
        </label>
        <input
          id="maxParticipants"
          name="maxParticipants"
          type="number"
          min={2}
          max={500}
          inputMode="numeric"
          defaultValue={submitted?.maxParticipants ?? initial.maxParticipants}
          aria-invalid={error('maxParticipants') ? true : undefined}
          aria-describedby={`maxParticipants-hint${error('maxParticipants') ? ' maxParticipants-error' : ''}`}
          className={inputClass}
        />
        <p id="maxParticipants-hint" className="mt-1 text-xs text-slate-600">
          {t('maxParticipantsHint')}
        </p>
        <FieldError id="maxParticipants-error" code={error('maxParticipants')} />
      </div>
      <fieldset aria-describedby={reportError ? 'reportRecipient-error' : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-800">{t('report')}</legend>
        {REPORT_CHOICES.map((choice) => (
          <label key={choice} className="flex items-center gap-2 py-1 text-sm text-slate-800">
            <input
              type="radio"
              name="reportTo"
              value={choice}
              defaultChecked={chosen === choice}
              onChange={() => setReportTo(choice)}
              className="h-4 w-4 text-indigo-700"
            />
            {t(`reportTo.${choice}`)}
          </label>
        ))}
        {reportTo === 'other' && (
          <div className="mt-2 max-w-md pl-6">
            <label htmlFor="reportEmail" className={labelClass}>
              {t('reportEmail')}
            </label>
            <input
              id="reportEmail"
              name="reportEmail"
              type="email"
              inputMode="email"
              autoComplete="email"
              defaultValue={submitted?.reportEmail ?? initial.reportEmail}
              aria-invalid={reportError ? true : undefined}
              aria-describedby={reportError ? 'reportRecipient-error' : undefined}
              className={inputClass}
            />
          </div>
        )}
        <FieldError id="reportRecipient-error" code={reportError} />
        {reportTo === 'none' ? (
          // Nothing to send, nothing to choose; what was chosen stays for when a recipient comes back.
          checked('reportWhenAlone') && <input type="hidden" name="reportWhenAlone" value="on" />
        ) : (
          <label className="mt-2 flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name="reportWhenAlone"
              defaultChecked={checked('reportWhenAlone')}
              className="mt-0.5 h-4 w-4 rounded border-slate-400 text-indigo-700"
            />
            {t('reportWhenAlone')}
          </label>
        )}
      </fieldset>
    </fieldset>
  );
}
