'use client';

import { useActionState, useEffect, useId, useRef, useState, useTransition, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Field, FormError, errorKeyFor } from '@/app/_ui/field';
import { SubmitButton } from '@/app/_ui/submit-button';
import { inputClass, labelClass } from '@/app/_ui/styles';
import { useFocusOnSuccess } from '@/app/_ui/focus-result';
import { useFocusFirstError } from '@/app/_ui/use-focus-first-error';
import type { MemberCandidate } from '@/server/members/service';
import { addMember, searchMemberCandidates } from '../actions';

type Picked = Pick<MemberCandidate, 'source' | 'ref'>;
/** What a reload must not lose (issue 12.7), kept in this tab's sessionStorage. */
interface MemberDraft {
  name: string;
  email: string;
  picked: Picked | null;
  sendEmail: boolean;
}

/**
 * M-1: one name box. Typing part of a name offers the tenant's extensions and directory entries
 * (an ARIA combobox); picking one adds the member from that source, anything else is a free name.
 */
export function MemberForm({ roomId }: { roomId: string }) {
  const t = useTranslations('members');
  const [state, formAction] = useActionState(addMember, null);
  const formRef = useFocusFirstError(state);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [options, setOptions] = useState<MemberCandidate[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [, startSearch] = useTransition();
  const listId = useId();
  const seq = useRef(0);

  const tp = useTranslations('portal');
  const added = useFocusOnSuccess<HTMLParagraphElement>(state);
  const draftKey = `draft:member:${roomId}`;
  const sendEmailBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state?.ok) {
      setName('');
      setEmail('');
      setPicked(null);
      sessionStorage.removeItem(draftKey);
    }
  }, [state, draftKey]);

  // Issue 12.7: a reload gives back the half-typed member, with the extension or entry picked.
  useEffect(() => {
    try {
      const draft = JSON.parse(sessionStorage.getItem(draftKey) ?? 'null') as MemberDraft | null;
      if (!draft) return;
      setName(draft.name);
      setEmail(draft.email);
      setPicked(draft.picked);
      if (sendEmailBox.current) sendEmailBox.current.checked = draft.sendEmail;
    } catch {
      sessionStorage.removeItem(draftKey);
    }
  }, [draftKey]);
  const keepDraft = (change: Partial<MemberDraft>) => {
    const draft: MemberDraft = { name, email, picked, sendEmail: sendEmailBox.current?.checked ?? false, ...change };
    try {
      sessionStorage.setItem(draftKey, JSON.stringify(draft));
    } catch {
      // No storage (private mode): the form works without a draft.
    }
  };

  const search = (text: string) => {
    const mine = ++seq.current;
    if (text.trim().length < 2) {
      setOptions([]);
      setOpen(false);
      return;
    }
    const data = new FormData();
    data.set('q', text);
    startSearch(async () => {
      const result = await searchMemberCandidates(null, data);
      // Answers can arrive out of order; only the latest typing counts.
      if (mine !== seq.current || !result?.ok) return;
      const found = result.data as MemberCandidate[];
      setOptions(found);
      setActive(-1);
      setOpen(found.length > 0);
    });
  };

  const choose = (candidate: MemberCandidate) => {
    const chosen = { source: candidate.source, ref: candidate.ref };
    setPicked(chosen);
    setName(candidate.name);
    if (candidate.email) setEmail(candidate.email);
    setOpen(false);
    keepDraft({ picked: chosen, name: candidate.name, ...(candidate.email ? { email: candidate.email } : {}) });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && options.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const nameError = errorKeyFor(errors, 'name') ?? errorKeyFor(errors, 'extension') ?? errorKeyFor(errors, 'directoryEntryId');
  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError state={state} />
      <p ref={added} tabIndex={-1} role="status" className="text-sm font-medium text-emerald-800 empty:hidden">
        {state?.ok ? tp('memberAdded', { name: (state.data as { name: string }).name }) : ''}
      </p>
      <input type="hidden" name="roomId" value={roomId} />
      <input type="hidden" name="source" value={picked?.source ?? 'name'} />
      <input type="hidden" name="ref" value={picked?.ref ?? ''} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="relative">
          <label htmlFor="member-name" className={labelClass}>
            {t('name')}
          </label>
          <input
            id="member-name"
            name="name"
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`member-name-hint${nameError ? ' member-name-error' : ''}`}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setPicked(null);
              keepDraft({ name: e.target.value, picked: null });
              search(e.target.value);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
            className={inputClass}
          />
          <ul
            id={listId}
            role="listbox"
            aria-label={t('suggestions')}
            hidden={!open}
            className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
          >
            {options.map((option, i) => (
              <li
                key={`${option.source}-${option.ref}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  // Keeps the focus in the box, so its blur does not close the list before the pick.
                  e.preventDefault();
                  choose(option);
                }}
                className={`cursor-pointer px-3 py-2 ${i === active ? 'bg-indigo-700 text-white' : 'text-slate-900 hover:bg-slate-100'}`}
              >
                <span className="font-medium">{option.name}</span>{' '}
                <span className={i === active ? 'text-indigo-100' : 'text-slate-600'}>
                  {option.source === 'extension' ? t('fromExtension', { number: option.ref }) : t('fromDirectory')}
                </span>
              </li>
            ))}
          </ul>
          <p role="status" className="sr-only">
            {open ? t('suggestionCount', { count: options.length }) : ''}
          </p>
          <p id="member-name-hint" className="mt-1 text-xs text-slate-600">
            {picked
              ? picked.source === 'extension'
                ? t('pickedExtension', { number: picked.ref })
                : t('pickedDirectory')
              : t('nameHint')}
          </p>
          {nameError && (
            <p id="member-name-error" className="mt-1 text-sm font-medium text-red-800">
              <ErrorText code={nameError} />
            </p>
          )}
        </div>
        <Field
          name="email"
          prefix="member-"
          type="email"
          label={t('email')}
          error={errorKeyFor(errors, 'email')}
        >
          <input
            id="member-email"
            name="email"
            type="email"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              keepDraft({ email: e.target.value });
            }}
            aria-invalid={errorKeyFor(errors, 'email') ? true : undefined}
            aria-describedby={errorKeyFor(errors, 'email') ? 'member-email-error' : undefined}
            className={inputClass}
          />
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <label className="inline-flex items-center gap-2 text-sm text-slate-800">
          <input
            ref={sendEmailBox}
            type="checkbox"
            name="sendEmail"
            defaultChecked={state?.ok === false && state.values?.sendEmail === 'on'}
            onChange={(e) => keepDraft({ sendEmail: e.target.checked })}
            className="h-4 w-4 rounded border-slate-400 text-indigo-700"
          />
          {t('sendEmail')}
        </label>
        <SubmitButton>{t('add')}</SubmitButton>
      </div>
    </form>
  );
}

function ErrorText({ code }: { code: string }) {
  const t = useTranslations('errors');
  return <>{t.has(code) ? t(code) : t('field.invalid')}</>;
}
