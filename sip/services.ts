import { checkPin, enterRoomNumber } from '@/server/admission/room-entry';
import { isAdminExtension, storeRecordedAnnouncement, tenantAnnouncement } from '@/server/announcements/service';
import { extensionNumbers, findExtension, tenantForPortalNumber, tenantForSipDomain } from '@/server/admission/tenant-lookup';
import { logAction, recordDialProgress, setHandRaised, setJoinLeaveTones, setLocked, setMuted, setPaused, setRole, setTalking } from '@/server/conferences/live-state';
import { checkModeratorPin } from '@/server/conferences/moderator-pin';
import { roomConferenceOptions } from '@/server/conferences/options';
import { recordingStarted, recordingStopped } from '@/server/recordings/service';
import {
  closeAbandonedConferences,
  closeConference,
  openConference,
  openRoomConference,
  recordJoin,
  recordLeave,
} from '@/server/conferences/records';

/** Everything of server/ the call flows use (ARCHITECTURE: sip/ reaches the database only through server/). */
export const callServices = {
  tenantForPortalNumber,
  tenantForSipDomain,
  findExtension,
  extensionNumbers,
  enterRoomNumber,
  checkPin,
  openConference,
  openRoomConference,
  recordJoin,
  recordLeave,
  closeConference,
  closeAbandonedConferences,
  roomConferenceOptions,
  checkModeratorPin,
  setMuted,
  setHandRaised,
  setRole,
  setLocked,
  setPaused,
  setJoinLeaveTones,
  setTalking,
  logAction,
  recordDialProgress,
  tenantAnnouncement,
  storeRecordedAnnouncement,
  recordingStarted,
  recordingStopped,
  isAdminExtension,
};

export type CallServices = typeof callServices;
