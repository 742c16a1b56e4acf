import type { CallLeg, ConferenceEvents, JoinFlags, MediaConference, Prompt } from '../port';
import { SimLeg } from './leg';

interface Member {
  leg: SimLeg;
  flags: JoinFlags;
}

/** An in-memory mix: remembers members, flags and everything played, for scenarios to assert. */
export class SimConference implements MediaConference {
  readonly members = new Map<number, Member>();
  /** Conference-level media in order: prompt ids, `music:on`, `music:off`, `lock`, `unlock`. */
  readonly log: string[] = [];
  locked = false;
  destroyed = false;
  private nextMemberId = 2;
  private music: Prompt | null = null;
  private listeners: { [E in keyof ConferenceEvents]: ConferenceEvents[E][] } = { memberJoined: [], memberLeft: [], talking: [] };

  constructor(readonly name: string) {}

  async join(leg: CallLeg, flags: JoinFlags): Promise<number> {
    if (!(leg instanceof SimLeg)) throw new Error('the simulator mixes only its own legs');
    const memberId = this.nextMemberId++;
    this.members.set(memberId, { leg, flags: { ...flags } });
    if (this.music) leg.hear(this.music);
    leg.joined(this.name, () => this.remove(memberId));
    for (const listener of this.listeners.memberJoined) listener(memberId);
    return memberId;
  }

  async play(prompt: Prompt): Promise<void> {
    this.log.push(prompt.id);
    for (const { leg } of this.members.values()) leg.hear(prompt);
  }

  async playTo(memberId: number, prompts: Prompt[]): Promise<void> {
    const member = this.members.get(memberId);
    if (!member) throw new Error(`member ${memberId} is not in ${this.name}`);
    for (const prompt of prompts) member.leg.hear(prompt);
  }

  async startMusic(prompt: Prompt): Promise<void> {
    this.music = prompt;
    this.log.push('music:on');
    for (const { leg } of this.members.values()) leg.hear(prompt);
  }

  async stopMusic(): Promise<void> {
    if (!this.music) return;
    this.music = null;
    this.log.push('music:off');
  }

  async mute(memberId: number): Promise<void> {
    this.flagsOf(memberId).muted = true;
  }

  async unmute(memberId: number): Promise<void> {
    this.flagsOf(memberId).muted = false;
  }

  async kick(memberId: number): Promise<void> {
    await this.members.get(memberId)?.leg.hangup();
  }

  async lock(): Promise<void> {
    this.locked = true;
    this.log.push('lock');
  }

  async unlock(): Promise<void> {
    this.locked = false;
    this.log.push('unlock');
  }

  /** The member the leg is, while it is in the mix. */
  memberOf(leg: SimLeg): number | null {
    for (const [memberId, member] of this.members) if (member.leg === leg) return memberId;
    return null;
  }

  /** Voice activity as FreeSWITCH reports it; a muted member's voice does not reach the mix and is not reported. */
  talk(memberId: number, talking: boolean): void {
    if (this.flagsOf(memberId).muted) return;
    for (const listener of this.listeners.talking) listener(memberId, talking);
  }

  on<E extends keyof ConferenceEvents>(event: E, listener: ConferenceEvents[E]): void {
    this.listeners[event].push(listener);
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const { leg } of [...this.members.values()]) await leg.hangup();
  }

  private flagsOf(memberId: number): JoinFlags {
    const member = this.members.get(memberId);
    if (!member) throw new Error(`member ${memberId} is not in ${this.name}`);
    return member.flags;
  }

  private remove(memberId: number): void {
    if (!this.members.delete(memberId)) return;
    for (const listener of this.listeners.memberLeft) listener(memberId);
  }
}
