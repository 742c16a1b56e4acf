'use server';

import { z } from 'zod';
import { ValidationError } from '@/server/lib/errors';
import { resetPasswordWithLink } from '@/server/users/password-links';

/* Reached from the emailed link, signed out: not an action of the registry (no Actor yet). */
const resetSchema = z.object({ token: z.string().max(200), password: z.string().max(2000), confirm: z.string().max(2000) });

export type ResetState = { done: boolean; fieldErrors: Record<string, string> } | null;

export async function resetPassword(_prev: ResetState, formData: FormData): Promise<ResetState> {
  const parsed = resetSchema.safeParse({
    token: formData.get('token') ?? '',
    password: formData.get('password') ?? '',
    confirm: formData.get('confirm') ?? '',
  });
  if (!parsed.success) return { done: false, fieldErrors: { token: 'passwordLink.invalid' } };
  const { token, password, confirm } = parsed.data;
  if (password !== confirm) return { done: false, fieldErrors: { confirm: 'password.mismatch' } };
  try {
    await resetPasswordWithLink(token, password, new Date());
    return { done: true, fieldErrors: {} };
  } catch (error) {
    if (error instanceof ValidationError) return { done: false, fieldErrors: Object.fromEntries(error.issues.map((i) => [i.field, i.code])) };
    throw error;
  }
}
