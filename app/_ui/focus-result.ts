'use client';

import { useEffect, useRef } from 'react';
import type { FormState } from '@/app/lib/run-action';

/*
 * Issue 12.7: after an action the keyboard focus stays where its result is shown (a status
 * message, the changed row, the list a row left), never falls back to the top of the page.
 * Targets take tabIndex={-1} so they can hold the focus without joining the tab order.
 */

/** After an accepted submission, focuses the element given the returned ref (its status message). */
export function useFocusOnSuccess<T extends HTMLElement>(state: FormState) {
  const target = useRef<T>(null);
  useEffect(() => {
    if (state?.ok) target.current?.focus();
  }, [state]);
  return target;
}

/**
 * Focuses what `find` returns once the page shows it: the server's new rendering arrives with
 * the action's answer, a frame or a few after the caller's code runs. Gives up after about a second.
 */
export function focusWhenShown(find: () => HTMLElement | null | undefined, frames = 60): void {
  const step = (left: number) => {
    const element = find();
    if (element?.isConnected) element.focus();
    else if (left > 0) requestAnimationFrame(() => step(left - 1));
  };
  requestAnimationFrame(() => step(frames));
}
