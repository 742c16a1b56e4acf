'use server';

import { AuthError } from 'next-auth';
import { signIn, signOut } from '@/auth';

/*
 * Signing in and out happen before and after there is an Actor, so they are not domain actions
 * of the registry (server/actions) and live apart from the `actions.ts` files.
 */

export type SignInState = { failed: boolean; email: string };

export async function authenticate(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get('email') ?? '');
  try {
    await signIn('credentials', { email, password: String(formData.get('password') ?? ''), redirectTo: '/rooms' });
    return { failed: false, email };
  } catch (error) {
    // The redirect after a successful sign-in is thrown too and must go on.
    if (error instanceof AuthError) return { failed: true, email };
    throw error;
  }
}

export async function leave(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}
