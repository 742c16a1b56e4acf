'use server';

import { AuthError } from 'next-auth';
import { auth, signIn, signOut, ThrottledSignIn } from '@/auth';
import { endAllSessions } from '@/server/auth/sessions';
import { safeCallbackPath } from './callback-url';

/*
 * Signing in and out happen before and after there is an Actor, so they are not domain actions
 * of the registry (server/actions) and live apart from the `actions.ts` files.
 */

export type SignInState = { failed: boolean; email: string; retryAfterMinutes?: number };

export async function authenticate(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get('email') ?? '');
  // Back to the page that was asked for, if it is one of ours (issue 12.7); otherwise the rooms.
  const redirectTo = safeCallbackPath(formData.get('callbackUrl')) ?? '/rooms';
  try {
    await signIn('credentials', { email, password: String(formData.get('password') ?? ''), redirectTo });
    return { failed: false, email };
  } catch (error) {
    if (error instanceof ThrottledSignIn) return { failed: true, email, retryAfterMinutes: Math.ceil(error.retryAfterSeconds / 60) };
    // The redirect after a successful sign-in is thrown too and must go on.
    if (error instanceof AuthError) return { failed: true, email };
    throw error;
  }
}

/** Sign-out ends this browser's session at once (the session row goes; see auth.ts events). */
export async function leave(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}

/** Ends every session of the signed-in user, on every device, then this one. */
export async function leaveEverywhere(): Promise<void> {
  const session = await auth();
  if (session?.userId) await endAllSessions(session.userId);
  await signOut({ redirectTo: '/sign-in' });
}
