'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type FormState } from '@/app/lib/run-action';

/* The registry action of the same name (server/actions); T-1/T-4 are checked there. */

export async function sendInvitations(_prev: FormState, formData: FormData): Promise<FormState<{ sent: number }>> {
  const result = await runAction('sendInvitations', formData);
  if (result.ok) revalidatePath(`/rooms/${formData.get('roomId')}`);
  return result;
}

/** L-3: the room's tracking or control link, made or regenerated; its URL comes back once. */
export async function createRoomLink(_prev: FormState, formData: FormData): Promise<FormState<{ kind: string; url: string }>> {
  const result = await runAction('createRoomLink', formData);
  if (result.ok) revalidatePath(`/rooms/${formData.get('roomId')}`);
  return result;
}

export async function deleteRoomLink(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('deleteRoomLink', formData);
  if (result.ok) revalidatePath(`/rooms/${formData.get('roomId')}`);
  return result;
}
