import { cache } from 'react';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { auth } from '@/auth';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { actorForSession } from '@/server/auth/sessions';
import { REQUEST_PATH_HEADER } from '@/server/web/edge';
import { signInPath } from './callback-url';

/** The signed-in user as the services know them, read once per request (T-3). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.userId) return null;
  return actorForSession(session);
});

/** Signed out: to the sign-in page, which brings the user back to this page afterwards (issue 12.7). */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(signInPath((await headers()).get(REQUEST_PATH_HEADER)));
  return actor;
}

/** Admin pages answer 404 to everyone else, as if they did not exist. */
export async function requireAdmin(): Promise<Actor> {
  const actor = await requireActor();
  if (!isAdmin(actor)) notFound();
  return actor;
}
