'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type FormState } from '@/app/lib/run-action';

/* The registry action of the same name (server/actions); the service refuses non-admins (REC-2). */

export async function deleteRecording(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('deleteRecording', formData);
  if (result?.ok) revalidatePath('/history');
  return result;
}
