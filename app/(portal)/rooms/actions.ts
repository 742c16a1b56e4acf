'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runAction, type FormState } from '@/app/lib/run-action';

/* Each export is the registry action of the same name (server/actions); T-1/T-4 are checked there. */

export async function createRoom(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('createRoom', formData);
  if (!result.ok) return result;
  revalidatePath('/rooms');
  redirect(`/rooms/${result.data.room.id}?saved=${result.data.ambiguousStart ? 'ambiguous' : 'created'}`);
}

export async function updateRoom(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('updateRoom', formData);
  if (!result.ok) return result;
  revalidatePath('/rooms');
  redirect(`/rooms/${result.data.room.id}?saved=${result.data.ambiguousStart ? 'ambiguous' : 'updated'}`);
}

export async function deleteRoom(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('deleteRoom', formData);
  if (!result.ok) return result;
  revalidatePath('/rooms');
  redirect('/rooms?filter=all');
}

export async function addMember(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('addMember', formData);
  if (result.ok) revalidatePath(`/rooms/${formData.get('roomId')}`);
  return result;
}

export async function removeMember(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('removeMember', formData);
  if (result.ok) revalidatePath(`/rooms/${formData.get('roomId')}`);
  return result;
}

export async function searchMemberCandidates(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction('searchMemberCandidates', formData);
}

export async function replaceMember(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('replaceMember', formData);
  if (result.ok) revalidatePath(`/rooms/${formData.get('roomId')}`);
  return result;
}
