import type { ActionBy } from '@/server/conferences/live-state';
import { numberPromptIds } from '../prompts/numbers';
import type { KeypadInput } from './keypad';
import { isModerator, type LiveConference, type Member } from './live-conference';

/** Moderator commands (C-5) and their name in the action log when a participant is refused them. */
const MODERATOR_ONLY: Record<string, string> = { '1': 'count', '3': 'mute-all', '4': 'pause', '5': 'tones', '6': 'lock', '7': 'record', '0': 'end' };

/** Wrong moderator PINs one call may type before `*9` stops asking (each one also counts towards D-5). */
export const MAX_WRONG_MODERATOR_PINS = 3;

/**
 * The keypad menu inside a conference (C-4, C-5): what each `*` command does, who may use it,
 * and what the caller hears back. Every command lands in the action log, by the keypad of the
 * participant who typed it (L-2).
 */
export class KeypadMenu {
  private wrongPins = new Map<string, number>();

  constructor(private readonly conference: LiveConference) {}

  /**
   * Called as the keys come. `*9` must switch the reader to the PIN before anything is awaited,
   * so that the digits typed right after it are read as the PIN.
   */
  async handle(member: Member, input: KeypadInput): Promise<void> {
    const by: ActionBy = { kind: 'keypad', id: member.participantId };
    if (input.kind === 'pin') return this.moderatorPin(member, input.pin, by);
    const { key } = input;
    if (key === '*' || key === '#') return this.help(member, by);
    if (key === '2') return this.conference.setMuted([member], !member.muted, by, member.muted ? 'unmute' : 'mute', member);
    if (key === '8') return this.hand(member, by);
    if (key === '9') return this.askModeratorPin(member, by);
    if (!isModerator(member.role)) {
      await this.conference.tell(member, ['moderators-only']);
      return this.conference.log(by, MODERATOR_ONLY[key], 'denied', member);
    }
    return this.moderatorCommand(member, key, by);
  }

  private async moderatorCommand(member: Member, key: string, by: ActionBy): Promise<void> {
    const conference = this.conference;
    switch (key) {
      case '1': {
        const count = conference.size;
        await conference.tell(member, count === 1 ? ['count-only-you'] : ['count-there-are', ...numberPromptIds(count), 'count-participants']);
        return conference.log(by, 'count', 'ok', member);
      }
      case '3':
        return this.muteAll(member, by);
      case '4':
        return conference.setPaused(!conference.paused, by);
      case '5': {
        const on = !conference.joinLeaveTones;
        await conference.setJoinLeaveTones(on, by);
        return conference.tell(member, [on ? 'join-leave-tones-on' : 'join-leave-tones-off']);
      }
      case '6':
        return conference.setLocked(!conference.locked, by);
      case '7': {
        // REC-1: a toggle; with announceRecording everyone hears the change, otherwise the moderator alone.
        const wanted = !conference.recordingWanted;
        const done = await conference.setRecording(wanted, by, member);
        if (!done) return conference.tell(member, ['recording-unavailable']);
        if (!conference.setup.options.announceRecording) await conference.tell(member, [wanted ? 'recording-started' : 'recording-stopped']);
        return;
      }
      case '0':
        return conference.endForEveryone(by);
    }
  }

  /** `*3`: mutes every non-moderator while any of them can speak, otherwise gives them all the word back. */
  private async muteAll(member: Member, by: ActionBy): Promise<void> {
    const participants = this.conference.participants();
    const mute = participants.length === 0 || participants.some((p) => !p.muted);
    await this.conference.setMuted(participants, mute, by, mute ? 'mute-all' : 'unmute-all', null);
    await this.conference.tell(member, [mute ? 'participants-muted' : 'participants-unmuted']);
  }

  private async hand(member: Member, by: ActionBy): Promise<void> {
    const raised = !member.handRaised;
    await this.conference.setHandRaised(member, raised, by);
    await this.conference.tell(member, [raised ? 'hand-raised' : 'hand-lowered']);
  }

  private async help(member: Member, by: ActionBy): Promise<void> {
    await this.conference.tell(member, [isModerator(member.role) ? 'help-moderator' : 'help-participant']);
    await this.conference.log(by, 'help', 'ok', member);
  }

  private async askModeratorPin(member: Member, by: ActionBy): Promise<void> {
    if (isModerator(member.role)) {
      await this.conference.tell(member, ['already-moderator']);
      return this.conference.log(by, 'moderator-pin', 'cancelled', member);
    }
    if (!this.conference.setup.options.moderatorPinSet) {
      await this.conference.tell(member, ['no-moderator-pin']);
      return this.conference.log(by, 'moderator-pin', 'unavailable', member);
    }
    if ((this.wrongPins.get(member.participantId) ?? 0) >= MAX_WRONG_MODERATOR_PINS) {
      await this.conference.tell(member, ['moderator-pin-blocked']);
      return this.conference.log(by, 'moderator-pin', 'blocked', member);
    }
    member.keypad.expectPin();
    await this.conference.tell(member, ['enter-moderator-pin']);
  }

  /** An empty entry (a pause or `#` alone) is no guess: it is logged, not counted (as at the portal, D-5). */
  private async moderatorPin(member: Member, pin: string, by: ActionBy): Promise<void> {
    if (pin === '') return this.conference.log(by, 'moderator-pin', 'cancelled', member);
    const check = await this.conference.checkModeratorPin(member, pin);
    if (check === 'moderator') {
      await this.conference.promote(member, by);
      return this.conference.tell(member, ['you-are-moderator']);
    }
    if (check === 'no-pin') {
      await this.conference.tell(member, ['no-moderator-pin']);
      return this.conference.log(by, 'moderator-pin', 'unavailable', member);
    }
    const wrong = (this.wrongPins.get(member.participantId) ?? 0) + 1;
    this.wrongPins.set(member.participantId, wrong);
    await this.conference.log(by, 'moderator-pin', 'wrong-pin', member);
    await this.conference.tell(member, wrong >= MAX_WRONG_MODERATOR_PINS ? ['invalid-moderator-pin', 'moderator-pin-blocked'] : ['invalid-moderator-pin']);
  }
}
