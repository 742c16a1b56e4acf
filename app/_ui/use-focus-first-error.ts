'use client';

import { useEffect, useRef } from 'react';
import type { FormState } from '@/app/lib/run-action';

/** After a refused submission, keyboard and screen-reader users land on the first field to fix. */
export function useFocusFirstError(state: FormState) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state && !state.ok) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  return form;
}
