import type { PinCheck, RoomEntry } from '@/server/admission/room-entry';
import { ConferenceElsewhereError } from '../conference/registry';
import type { CallDeps, CallOutcome, RefusalReason } from '../deps';
import type { PromptId } from '../prompts/catalogue';
import type { CallSession } from '../session';
import type { Prompt } from '../telephony/port';

const TRIES = 3;
// One more than the longest room number (10) and PIN (12), so that the closing # is always read
// by its own entry and never left over to end the next one empty.
const MAX_ROOM_DIGITS = 11;
const MAX_PIN_DIGITS = 13;

/**
 * The portal (D-1..D-5): welcome, room number, PIN, then the room's conference. Three wrong or
 * empty entries of either end the call; every refusal says why before hanging up. The D-5
 * throttle is asked before every entry is checked.
 */
export async function portalDialIn(session: CallSession, deps: CallDeps): Promise<CallOutcome> {
  const { tenant } = session;
  let ids: Pick<CallOutcome, 'tenantId' | 'roomId' | 'conferenceId'> = { tenantId: tenant.id };
  const refuse = async (reason: RefusalReason, ...prompts: PromptId[]): Promise<CallOutcome> => {
    session.log.info({ reason }, 'portal caller refused');
    await session.refuse(...prompts);
    return { ...ids, decision: 'refused', reason };
  };
  const abandoned = (): CallOutcome => ({ ...ids, decision: 'refused', reason: 'abandoned' });

  const announcement = await welcomeAnnouncement(session, deps);
  if (announcement) await session.announce(announcement);
  else await session.play('welcome');

  const entry = await askRoom(session, deps);
  if (!session.active) return abandoned();
  if (entry === 'throttled') return refuse('throttled', 'room-unavailable');
  if (!entry) return refuse('unknown-room');
  ids = { ...ids, roomId: entry.roomId };
  if (entry.status === 'scheduled') return refuse('not-open', 'room-not-open');
  if (entry.status === 'expired') return refuse('ended', 'room-ended');
  const organizer = isOrganizer(session, entry);
  if (entry.lockedUntil && !organizer) return refuse('throttled', 'room-unavailable');

  const pinRole = entry.pin ? await askPin(session, deps, entry, organizer) : 'participant';
  if (!session.active) return abandoned();
  if (pinRole === 'throttled') return refuse('throttled', 'room-unavailable');
  if (pinRole === 'wrong') return refuse('wrong-pin');

  // The room may have been deleted while the caller was typing.
  const options = await deps.services.roomConferenceOptions(tenant.id, entry.roomId);
  if (!options) return refuse('unknown-room', 'invalid-room');
  const conference = await deps.conferences.forRoom(tenant, entry, options).catch((err) => {
    if (!(err instanceof ConferenceElsewhereError)) throw err;
    session.log.error({ err }, 'room conference runs on another sip process');
    return null;
  });
  if (!conference) return refuse('media-unavailable', 'room-unavailable');
  // C-8: the organizer's extension and the moderator PIN lead; D-4, C-6: locked or full, nobody new.
  const admission = await conference.admit({
    leg: session.leg,
    callerNumber: session.caller.number,
    callerName: session.caller.name,
    role: organizer ? 'organizer' : pinRole,
    direction: 'inbound',
  });
  // A refused caller's outcome names the conference that refused it.
  ids = { ...ids, conferenceId: conference.id };
  if (admission === 'locked') return refuse('locked', 'room-locked');
  if (admission === 'full') return refuse('full', 'room-full');
  session.log.info({ roomId: entry.roomId, conferenceId: conference.id }, 'caller admitted');
  return { ...ids, decision: 'admitted' };
}

/** T-2: the tenant's own welcome; when it cannot be had (storage, shared folder), the standard one: never a dropped call. */
async function welcomeAnnouncement(session: CallSession, deps: CallDeps): Promise<Prompt | null> {
  try {
    return await deps.media.announcement(session.tenant.id);
  } catch (err) {
    session.log.error({ err }, 'welcome announcement unavailable: playing the standard welcome');
    return null;
  }
}

/**
 * C-8: the organizer's own extension, calling from inside the tenant (its SIP domain): a caller
 * from outside showing the same digits as caller id is nobody's extension.
 */
function isOrganizer(session: CallSession, entry: RoomEntry): boolean {
  const { number, domain } = session.caller;
  return number !== null && domain === session.tenant.sipDomain && entry.organizerExtensions.includes(number);
}

async function askRoom(session: CallSession, deps: CallDeps): Promise<RoomEntry | 'throttled' | null> {
  const caller = { number: session.caller.number };
  for (let attempt = 0; attempt < TRIES && session.active; attempt++) {
    const typed = await session.collect('enter-room-number', MAX_ROOM_DIGITS);
    if (!session.active) return null;
    const found = await deps.services.enterRoomNumber(session.tenant, typed, caller, deps.clock.now());
    if (found.result === 'room') return found.entry;
    if (found.result === 'throttled') {
      session.log.warn({ callerNumber: caller.number ?? 'hidden', until: found.until }, 'caller throttled (D-5)');
      return 'throttled';
    }
    if (typed !== '') session.log.warn({ callerNumber: caller.number ?? 'hidden' }, 'unknown room number (D-5)');
    await session.play('invalid-room');
  }
  return null;
}

async function askPin(session: CallSession, deps: CallDeps, entry: RoomEntry, organizer: boolean): Promise<PinCheck> {
  const caller = { number: session.caller.number, organizer };
  for (let attempt = 0; attempt < TRIES && session.active; attempt++) {
    const typed = await session.collect('enter-pin', MAX_PIN_DIGITS);
    if (!session.active) return 'wrong';
    const result = await deps.services.checkPin(session.tenant.id, entry, typed, caller, deps.clock.now());
    if (result === 'throttled') session.log.warn({ roomId: entry.roomId, callerNumber: caller.number ?? 'hidden' }, 'PIN entry throttled (D-5)');
    if (result !== 'wrong') return result;
    session.log.warn({ roomId: entry.roomId, callerNumber: caller.number ?? 'hidden', empty: typed === '' }, 'wrong PIN (D-5)');
    await session.play('invalid-pin');
  }
  return 'wrong';
}
