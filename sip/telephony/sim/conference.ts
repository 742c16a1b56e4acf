import { writeSimulatedRecording } from './recording';
import type { CallClock, CallLeg, ConferenceEvents, JoinFlags, MediaConference, Prompt } from '../port';
import { SimLeg } from './leg';

/** How long the simulated media server takes to act on a kick or the end of a conference (TELEPHONY.md: tens to hundreds of ms). */
export const SIM_LEAVE_AFTER_MS = 100;

interface Member {
  leg: SimLeg;
  flags: JoinFlags;
}

type Listeners = { [E in keyof ConferenceEvents]: ConferenceEvents[E][] };

/**
 * An in-memory mix: remembers members, flags and everything played, for scenarios to assert. Like
 * FreeSWITCH, a kick or the end of the conference is answered at once and carried out a moment
 * later; until the last member has left, the name stays taken.
 */
export class SimConference implements MediaConference {
  readonly members = new Map<number, Member>();
  /** Conference-level media in order: prompt ids, `music:on`, `music:off`, `lock`, `unlock`. */
  readonly log: string[] = [];
  locked = false;
  /** Asked to end (destroy, or cleared after a crash). */
  ending = false;
  /** Gone from the media server: the name is free again. */
  destroyed = false;
  private detached = false;
  private nextMemberId = 2;
  private music: Prompt | null = null;
  /** Recordings running, by file, with when they started. */
  readonly recording = new Map<string, Date>();
  private listeners: Listeners = { memberJoined: [], memberLeft: [], talking: [] };

  constructor(
    readonly name: string,
    private readonly clock: CallClock,
    private readonly missing: (prompt: Prompt) => boolean = () => false,
    private readonly recordingRefused = false,
  ) {}

  async join(leg: CallLeg, flags: JoinFlags): Promise<number> {
    if (!(leg instanceof SimLeg)) throw new Error('the simulator mixes only its own legs');
    if (this.destroyed) throw new Error(`conference ${this.name} is gone`);
    const memberId = this.nextMemberId++;
    this.members.set(memberId, { leg, flags: { ...flags } });
    if (this.music) leg.hear(this.music);
    leg.joined(this.name, () => this.remove(memberId));
    for (const listener of this.listeners.memberJoined) listener(memberId);
    return memberId;
  }

  /** A missing file is not queued: nobody hears it, and the play is over at once. */
  async play(prompt: Prompt): Promise<void> {
    if (this.missing(prompt)) return;
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

  /** The member's channel is killed a moment later: the caller is hung up and leaves. */
  async kick(memberId: number): Promise<void> {
    const member = this.members.get(memberId);
    if (!member) throw new Error(`member ${memberId} is not in ${this.name}`);
    void this.clock.sleep(SIM_LEAVE_AFTER_MS).then(() => member.leg.droppedByMediaServer());
  }

  async lock(): Promise<void> {
    this.locked = true;
    this.log.push('lock');
  }

  async unlock(): Promise<void> {
    this.locked = false;
    this.log.push('unlock');
  }

  async startRecording(file: string): Promise<void> {
    if (this.recording.has(file)) throw new Error(`${this.name} already records into ${file}`);
    if (this.recordingRefused) throw new Error('-ERR Conference recording failed');
    this.recording.set(file, this.clock.now());
    this.log.push('recording:on');
  }

  /**
   * Writes a real WAV as long as the recording ran: the file is complete when this resolves, as the
   * port promises (FreeSWITCH answers before it has flushed the file; the drachtio adapter waits for
   * its `stop-recording` event to keep that promise, see its tests).
   */
  async stopRecording(file: string): Promise<void> {
    const startedAt = this.recording.get(file);
    if (!startedAt) throw new Error(`${this.name} does not record into ${file}`);
    this.recording.delete(file);
    this.log.push('recording:off');
    writeSimulatedRecording(file, this.clock.now().getTime() - startedAt.getTime());
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

  /**
   * Answered at once; a moment later whoever is still in leaves and the name is free. A live sip
   * process hangs up its callers when the media server drops their channels; for a dead one's
   * conference nobody does, and the callers stay on the line in silence.
   */
  async destroy(): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    // FreeSWITCH closes a conference's recordings when it ends: the files are complete.
    const recordings = [...this.recording.keys()];
    void this.clock.sleep(SIM_LEAVE_AFTER_MS).then(async () => {
      for (const file of recordings) if (this.recording.has(file)) await this.stopRecording(file);
      for (const { leg } of [...this.members.values()]) {
        if (this.detached) leg.leaveMix();
        else leg.droppedByMediaServer();
      }
      this.destroyed = true;
    });
  }

  /** The sip process that listened to this conference died: its events reach nobody any more. */
  detach(): void {
    this.detached = true;
    this.listeners = { memberJoined: [], memberLeft: [], talking: [] };
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
