'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type FormState } from '@/app/lib/run-action';

/* Each export is the registry action of the same name (server/actions); the services refuse non-admins (T-3). */

async function thenRefresh(result: FormState, path: string, type?: 'layout'): Promise<FormState> {
  if (result?.ok) revalidatePath(path, type);
  return result;
}

export async function createExtension(_prev: FormState, formData: FormData): Promise<FormState> {
  return thenRefresh(await runAction('createExtension', formData), '/admin/extensions');
}

export async function deleteExtension(_prev: FormState, formData: FormData): Promise<FormState> {
  return thenRefresh(await runAction('deleteExtension', formData), '/admin/extensions');
}

export async function createDirectoryEntry(_prev: FormState, formData: FormData): Promise<FormState> {
  return thenRefresh(await runAction('createDirectoryEntry', formData), '/admin/directory');
}

export async function deleteDirectoryEntry(_prev: FormState, formData: FormData): Promise<FormState> {
  return thenRefresh(await runAction('deleteDirectoryEntry', formData), '/admin/directory');
}

export async function createUser(_prev: FormState, formData: FormData): Promise<FormState> {
  return thenRefresh(await runAction('createUser', formData), '/admin/users');
}

export async function deleteUser(_prev: FormState, formData: FormData): Promise<FormState> {
  return thenRefresh(await runAction('deleteUser', formData), '/admin/users');
}

export async function updateTenantSettings(_prev: FormState, formData: FormData): Promise<FormState> {
  // The time zone and early join change how every page shows every room.
  return thenRefresh(await runAction('updateTenantSettings', formData), '/', 'layout');
}

export async function uploadAnnouncement(_prev: FormState, formData: FormData): Promise<FormState> {
  return thenRefresh(await runAction('uploadAnnouncement', formData), '/admin/settings');
}

export async function deleteAnnouncement(_prev: FormState, formData: FormData): Promise<FormState> {
  return thenRefresh(await runAction('deleteAnnouncement', formData), '/admin/settings');
}
