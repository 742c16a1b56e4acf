import { checkPin, enterRoomNumber } from '@/server/admission/room-entry';
import { extensionNumbers, findExtension, tenantForPortalNumber, tenantForSipDomain } from '@/server/admission/tenant-lookup';
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
};

export type CallServices = typeof callServices;
