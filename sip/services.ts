import { checkPin, lookupRoomEntry } from '@/server/admission/room-entry';
import { extensionNumbers, findExtension, tenantForPortalNumber, tenantForSipDomain } from '@/server/admission/tenant-lookup';
import { closeConference, openConference, openConferenceOwner, recordJoin, recordLeave } from '@/server/conferences/records';

/** Everything of server/ the call flows use (ARCHITECTURE: sip/ reaches the database only through server/). */
export const callServices = {
  tenantForPortalNumber,
  tenantForSipDomain,
  findExtension,
  extensionNumbers,
  lookupRoomEntry,
  checkPin,
  openConference,
  openConferenceOwner,
  recordJoin,
  recordLeave,
  closeConference,
};

export type CallServices = typeof callServices;
