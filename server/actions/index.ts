import { deleteAnnouncement, uploadAnnouncement } from './announcement';
import { addMember, removeMember, replaceMember, searchMemberCandidates } from './members';
import { createDirectoryEntry, createExtension, deleteDirectoryEntry, deleteExtension } from './directory';
import { sendInvitationsAction } from '@/server/notifications/action';
import { createRoom, deleteRoom, duplicateRoom, updateRoom } from './rooms';
import { deleteRecording } from './recordings';
import { updateTenantSettings } from './tenant';
import { createApiToken, revokeApiToken } from './tokens';
import { conferenceAction, createRoomLink, createWebhook, deleteRoomLink, deleteWebhook } from './live';
import { previewImport, runImport } from './imports';
import { createUser, deleteUser, sendPasswordLink, setLocale, updateUser } from './users';

/**
 * Every server action of the portal, one key each; `app/**\/actions.ts` exports a function of the
 * same name per key, and the tenant-isolation test checks each of them (T-1).
 */
export const actions = {
  createRoom,
  updateRoom,
  deleteRoom,
  duplicateRoom,
  addMember,
  removeMember,
  replaceMember,
  searchMemberCandidates,
  sendInvitations: sendInvitationsAction,
  createExtension,
  deleteExtension,
  createDirectoryEntry,
  deleteDirectoryEntry,
  createUser,
  deleteUser,
  updateUser,
  sendPasswordLink,
  previewImport,
  runImport,
  setLocale,
  updateTenantSettings,
  uploadAnnouncement,
  deleteAnnouncement,
  createApiToken,
  revokeApiToken,
  conferenceAction,
  createRoomLink,
  deleteRoomLink,
  createWebhook,
  deleteWebhook,
  deleteRecording,
};

export type ActionKey = keyof typeof actions;
