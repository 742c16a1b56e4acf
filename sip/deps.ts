import type { Logger } from '@/server/lib/logger';
import type { ConferenceRegistry } from './conference/registry';
import type { MediaFiles } from './media/files';
import type { Catalogue } from './prompts/catalogue';
import type { CallServices } from './services';
import type { CallClock, Telephony } from './telephony/port';

/** What a call needs from the process: the same shape on FreeSWITCH and in the simulator. */
export interface CallDeps {
  telephony: Telephony;
  clock: CallClock;
  services: CallServices;
  catalogue: Catalogue;
  conferences: ConferenceRegistry;
  /** Tenants' announcements and phone recordings, where the media server reaches them. */
  media: MediaFiles;
  log: Logger;
  /** False while the media server is saturated: new calls get 503, calls in progress keep going. */
  mediaAvailable: () => boolean;
  /** The media server failed to take a call (fsmrf connect timeout): it is probably saturated. */
  mediaFailed: (err: unknown) => void;
}

export type RefusalReason =
  | 'anonymous'
  | 'unknown-room'
  | 'not-open'
  | 'ended'
  | 'wrong-pin'
  | 'throttled'
  | 'locked'
  /** The room's conference has its maximum number of participants (room option maxParticipants). */
  | 'full'
  | 'malformed'
  | 'no-tenant'
  /** `*73` from a number that is no tenant admin's extension (T-2, T-3). */
  | 'not-admin'
  /** Beyond API-3's list: production only — the media server was saturated (503) or the caller hung up in the menu. */
  | 'media-unavailable'
  | 'abandoned';

export type DialOutResult = 'answered' | 'busy' | 'no-answer' | 'refused-policy' | 'failed';

/** API-3 `call simulate` prints this (plus the prompts the caller heard). */
export interface CallOutcome {
  decision: 'admitted' | 'refused';
  reason?: RefusalReason;
  tenantId?: string;
  roomId?: string;
  conferenceId?: string;
  dialOut?: { number: string; result: DialOutResult }[];
  /** `*73` (T-2): whether the caller kept a new welcome announcement. */
  announcement?: 'saved' | 'not-saved';
}
