'use client';

import { useEffect, useState, type RefObject } from 'react';
import type { FormState } from '@/app/lib/run-action';

/** What a draft keeps of a field: its value, or for a checkbox or radio button whether it is ticked. */
type Draft = Record<string, string | boolean>;

/** The fields a draft covers: what the user types or picks, never hidden ids or passwords. */
function draftFields(form: HTMLFormElement): (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[] {
  return [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')].filter(
    (el) => el.name && !el.name.startsWith('$') && el.type !== 'hidden' && el.type !== 'password' && el.type !== 'submit',
  );
}

/** A checkbox group shares one name: the value tells its boxes apart. */
const keyOf = (el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement) =>
  el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? `${el.name}=${el.value}` : el.name;

function read(key: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

function save(key: string, form: HTMLFormElement): void {
  const draft: Draft = {};
  for (const el of draftFields(form)) draft[keyOf(el)] = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? el.checked : el.value;
  try {
    sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or refused (private mode): the form still works, only without a draft.
  }
}

/** Sets a field the way typing would, so React's own onChange handlers hear it too. */
function restoreField(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string | boolean): void {
  if (typeof value === 'boolean') {
    if (el instanceof HTMLInputElement && el.checked !== value) el.click();
    return;
  }
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
  setter?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Issue 12.7: a reload must not lose a half-filled form. What is typed is kept in this tab's
 * sessionStorage under `key` and put back when the page opens again; submitting clears it, and a
 * refusal (which shows the form again with what was typed) keeps it. Returns whether a draft was
 * restored, and a way to throw it away.
 */
export function useDraft(form: RefObject<HTMLFormElement | null>, key: string, state: FormState): { restored: boolean; discard: () => void } {
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const draft = read(key);
    const restore = (): boolean => {
      let changed = false;
      for (const el of draftFields(element)) {
        const value = draft?.[keyOf(el)];
        if (value === undefined) continue;
        const current = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? el.checked : el.value;
        if (current === value) continue;
        restoreField(el, value);
        changed = true;
      }
      return changed;
    };
    let frame = 0;
    if (draft) {
      setRestored(restore());
      // A restored choice can show more fields (the report's address): they come back on the next frame.
      frame = requestAnimationFrame(() => {
        if (restore()) setRestored(true);
      });
    }
    const keep = () => save(key, element);
    const clear = () => sessionStorage.removeItem(key);
    element.addEventListener('input', keep);
    element.addEventListener('change', keep);
    element.addEventListener('submit', clear);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('input', keep);
      element.removeEventListener('change', keep);
      element.removeEventListener('submit', clear);
    };
  }, [form, key]);

  // Refused: the form shows what was typed again, and that stays the draft until it is accepted.
  useEffect(() => {
    if (state && !state.ok && form.current) save(key, form.current);
    if (state?.ok) setRestored(false);
  }, [state, form, key]);

  return {
    restored,
    discard: () => {
      sessionStorage.removeItem(key);
      form.current?.reset();
      setRestored(false);
    },
  };
}
