'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runAction, type FormState } from '@/app/lib/run-action';

/* Each export is the registry action of the same name (server/actions); T-1/T-4 are checked there. */

/** What the room page says after a save: the fall-back hour first, then a room open right now. */
function savedNotice(data: { ambiguousStart: boolean; room: { status: string } }, saved: 'created' | 'updated'): string {
  if (data.ambiguousStart) return 'ambiguous';
  return data.room.status === 'open' ? 'openNow' : saved;
}

export async function createRoom(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('createRoom', formData);
  if (!result.ok) return result;
  revalidatePath('/rooms');
  redirect(`/rooms/${result.data.room.id}?saved=${savedNotice(result.data, 'created')}`);
}

export async function updateRoom(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('updateRoom', formData);
  if (!result.ok) return result;
  revalidatePath('/rooms');
  redirect(`/rooms/${result.data.room.id}?saved=${savedNotice(result.data, 'updated')}`);
}

export async function deleteRoom(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('deleteRoom', formData);
  if (!result.ok) return result;
  revalidatePath('/rooms');
  // The list says so, and the focus starts there (issue 12.7).
  redirect('/rooms?filter=all&deleted=1');
}

export async function duplicateRoom(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction('duplicateRoom', formData);
  if (!result.ok) return result;
  revalidatePath('/rooms');
  redirect(`/rooms/${result.data.id}?saved=duplicated`);
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
