import type { ActionBy } from '@/server/conferences/live-state';
import type { ConferenceCommand } from '@/server/db/schema';
import type { CommandResult } from '@/server/live/commands';
import type { Logger } from '@/server/lib/logger';
import type { LiveConference } from './live-conference';

export const RECORDING_UNAVAILABLE = 'recording is not available';

/**
 * A command from the live page, a control link or the API (L-2), done on the conference as the
 * keypad would do it: the same state changes, prompts ("you are muted") and action-log lines,
 * by whoever asked. Dialling out needs the tenant and the telephony: the registry does it.
 */
export async function executeCommand(
  conference: LiveConference,
  command: ConferenceCommand,
  dial: (number: unknown, by: ActionBy) => Promise<CommandResult>,
  log: Logger,
): Promise<CommandResult> {
  if (conference.isClosed) return { result: 'conference-ended', message: 'The conference has ended' };
  const by = command.requestedBy as ActionBy;
  const member = command.participantId ? conference.memberOf(command.participantId) : undefined;
  if (command.participantId && !member) {
    // Left between the request and now: changes nothing, says so (L-2).
    await conference.log(by, command.action, 'participant-left', command.participantId);
    return { result: 'participant-left', message: 'The participant has already left' };
  }
  const ok: CommandResult = { result: 'ok' };
  switch (command.action) {
    case 'mute':
    case 'unmute':
      if (!member) return missingParticipant();
      await conference.setMuted([member], command.action === 'mute', by, command.action, member);
      return ok;
    case 'muteAll':
    case 'unmuteAll': {
      const mute = command.action === 'muteAll';
      await conference.setMuted(conference.participants(), mute, by, mute ? 'mute-all' : 'unmute-all', null);
      return ok;
    }
    case 'kick':
      if (!member) return missingParticipant();
      await conference.kick(member, by);
      return ok;
    case 'lock':
    case 'unlock':
      await conference.setLocked(command.action === 'lock', by);
      return ok;
    case 'end':
      // The goodbye may take longer than a requester waits: the end is under way, and final.
      conference.endForEveryone(by, 'ended-by-organizer').catch((err) => log.error({ err, conferenceId: conference.id }, 'conference not ended'));
      return ok;
    case 'promote':
      if (!member) return missingParticipant();
      if (member.role !== 'participant') {
        // Nothing to change, still a line of the log: who asked what, and that it holds.
        await conference.log(by, 'promote', 'ok', member);
        return { result: 'ok', message: 'already a moderator' };
      }
      await conference.promote(member, by, 'promote');
      return ok;
    case 'demote':
      if (!member) return missingParticipant();
      if (member.role === 'organizer') {
        await conference.log(by, 'demote', 'denied', member);
        return { result: 'failed', message: 'the organizer stays organizer' };
      }
      if (member.role === 'participant') {
        await conference.log(by, 'demote', 'ok', member);
        return { result: 'ok', message: 'not a moderator' };
      }
      await conference.demote(member, by);
      return ok;
    case 'dial':
      return dial(command.args && (command.args as Record<string, unknown>).number, by);
    case 'record':
    case 'stopRecord':
      // REC-1: recording runs once two callers are in; the media server refusing it is the only failure.
      return (await conference.setRecording(command.action === 'record', by)) ? ok : { result: 'failed', message: RECORDING_UNAVAILABLE };
  }
}

function missingParticipant(): CommandResult {
  return { result: 'failed', message: 'this action needs a participant' };
}
