'use server';

import { runAction, type FormState } from '@/app/lib/run-action';

/* The registry action of the same name (server/actions); rights (L-2) and T-1 are checked there. */

/** L-2 from the live page; the page's stream shows the result, this answer says whether it was done. */
export async function conferenceAction(_prev: FormState, formData: FormData): Promise<FormState<{ result: string; message?: string }>> {
  return runAction('conferenceAction', formData);
}
