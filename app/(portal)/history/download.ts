import { redirect } from 'next/navigation';
import { currentActor } from '@/app/lib/session';
import type { Actor } from '@/server/auth/actor';
import { problemFromError } from '@/server/api/problem';
import { systemClock } from '@/server/lib/clock';

/**
 * The history page's downloads (H-3) for the signed-in user: the same services as the API, in the
 * UI language; a bad month is a 400 and someone else's conference a 404 (T-1), never a 500.
 */
export async function download(build: (actor: Actor, now: Date) => Promise<Response>): Promise<Response> {
  const actor = await currentActor();
  if (!actor) redirect('/sign-in');
  try {
    return await build(actor, systemClock());
  } catch (error) {
    return problemFromError(error);
  }
}
