'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type FormState } from '@/app/lib/run-action';

/* Each export is the registry action of the same name (server/actions). */

export async function createApiToken(_prev: FormState, formData: FormData): Promise<FormState<{ token: string; id: string; expiresAt: string | null }>> {
  const result = await runAction('createApiToken', formData);
  if (result.ok) revalidatePath('/account');
  return result;
}

export async function revokeApiToken(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('revokeApiToken', formData);
  if (result.ok) revalidatePath('/account');
  return result;
}
