import type { CallLeg, ConferenceEvents, JoinFlags, MediaConference, Prompt } from '../port';
import { DrachtioLeg } from './leg';
import type { EslEvent, FsConference, FsEndpoint } from './types';

/** How long a stopped recording waits for FreeSWITCH to report its file closed (it takes tens of ms). */
export const RECORDING_CLOSE_WAIT_MS = 2_000;

/** A FreeSWITCH API command through the media server's own event socket; rejects when FreeSWITCH does not answer in time. */
export type FreeswitchApi = (command: string) => Promise<string>;

/** A FreeSWITCH conference through fsmrf; members are counted without fsmrf's control member. */
export class DrachtioConference implements MediaConference {
  private endpoints = new Map<number, FsEndpoint>();

  constructor(
    private readonly conference: FsConference,
    private readonly api: FreeswitchApi,
    private readonly onError: (err: unknown, what: string) => void,
  ) {}

  get name(): string {
    return this.conference.name;
  }

  async join(leg: CallLeg, flags: JoinFlags): Promise<number> {
    if (!(leg instanceof DrachtioLeg)) throw new Error('only legs of this media server can join its conferences');
    const { memberId } = await leg.endpoint.join(this.conference, { flags: { mute: flags.muted, moderator: flags.moderator } });
    this.endpoints.set(memberId, leg.endpoint);
    return memberId;
  }

  async play(prompt: Prompt): Promise<void> {
    await this.conference.play(prompt.uri);
  }

  /** mod_conference's member play; several files become one `file_string://` so they play back to back. */
  async playTo(memberId: number, prompts: Prompt[]): Promise<void> {
    const uris = prompts.map((p) => p.uri);
    const file = uris.length === 1 ? uris[0] : `file_string://${uris.join('!')}`;
    await this.conference.endpoint.api('conference', `${this.conference.name} play ${file} ${memberId}`);
  }

  async startMusic(prompt: Prompt): Promise<void> {
    // Not awaited: fsmrf resolves a conference play when the file ends, and music never does.
    this.conference.play(prompt.uri).catch((err) => this.onError(err, 'music failed'));
  }

  async stopMusic(): Promise<void> {
    await this.conference.endpoint.api('conference', `${this.conference.name} stop all`);
  }

  async mute(memberId: number): Promise<void> {
    await this.member(memberId).confMute();
  }

  async unmute(memberId: number): Promise<void> {
    await this.member(memberId).confUnmute();
  }

  /**
   * The member's channel is killed: FreeSWITCH's own `kick` (and `hup`) only take a member out of
   * the mix, and fsmrf's channel then goes back to the event socket and stays up, with the caller
   * on the line in silence. A killed channel ends its leg (the caller gets our BYE) and the member
   * leaves the conference a moment later.
   */
  async kick(memberId: number): Promise<void> {
    await this.api(`uuid_kill ${this.member(memberId).uuid}`);
  }

  async lock(): Promise<void> {
    await this.conference.lock();
  }

  async unlock(): Promise<void> {
    await this.conference.unlock();
  }

  /** fsmrf 4.1.2's Conference#startRecording: `conference <name> recording start <file>`. */
  async startRecording(file: string): Promise<void> {
    await this.conference.startRecording(file);
  }

  /**
   * FreeSWITCH answers `recording stop` before its record thread has written the audio it still
   * buffers (up to 64 KiB: 4 s at 8 kHz) and closed the WAV; the worker encodes the file as soon
   * as the recording is marked stopped, and on real servers it once read 8.2 s of a 10.3 s
   * recording. So this resolves when FreeSWITCH says the file is closed (`stop-recording`, fsmrf's
   * `stopRecording` event, whose Path is the file), or after RECORDING_CLOSE_WAIT_MS at most.
   */
  async stopRecording(file: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let closedListener: (evt: EslEvent) => void = () => {};
    const closed = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, RECORDING_CLOSE_WAIT_MS);
      closedListener = (evt) => {
        if (evt.getHeader('Path') === file) resolve();
      };
      this.conference.on('stopRecording', closedListener);
    });
    try {
      await this.conference.stopRecording(file);
      await closed;
    } finally {
      clearTimeout(timer);
      this.conference.removeListener('stopRecording', closedListener);
    }
  }

  on<E extends keyof ConferenceEvents>(event: E, listener: ConferenceEvents[E]): void {
    if (event === 'memberJoined') {
      const joined = listener as ConferenceEvents['memberJoined'];
      this.conference.on('addMember', (evt) => {
        const memberId = this.memberIdOf(evt);
        if (memberId !== null) joined(memberId);
      });
      return;
    }
    if (event === 'memberLeft') {
      const left = listener as ConferenceEvents['memberLeft'];
      this.conference.on('delMember', (evt) => {
        const memberId = this.memberIdOf(evt);
        if (memberId === null) return;
        this.endpoints.delete(memberId);
        left(memberId);
      });
      return;
    }
    const talking = listener as ConferenceEvents['talking'];
    for (const [name, on] of [['startTalking', true], ['stopTalking', false]] as const) {
      this.conference.on(name, (evt) => {
        const memberId = this.memberIdOf(evt);
        if (memberId !== null) talking(memberId, on);
      });
    }
  }

  /**
   * Not fsmrf's Conference#destroy: on FreeSWITCH >= 1.10.7 it never resolves and the conference
   * stays, because its control member is recvonly and mod_conference never runs the hangup fsmrf
   * queues on it (TELEPHONY.md). Killing the control leg ends the conference (fsmrf joins it with
   * `endconf`), and FreeSWITCH hangs up whoever is still in it, a moment later.
   */
  async destroy(): Promise<void> {
    await this.api(`uuid_kill ${this.conference.endpoint.uuid}`).catch((err) => this.onError(err, `conference ${this.name}: killing its control leg failed`));
  }

  /** Null for fsmrf's control member, which is no participant. */
  private memberIdOf(evt: EslEvent): number | null {
    const memberId = Number(evt.getHeader('Member-ID'));
    return Number.isInteger(memberId) && memberId !== this.conference.memberId ? memberId : null;
  }

  private member(memberId: number): FsEndpoint {
    const endpoint = this.endpoints.get(memberId);
    if (!endpoint) throw new Error(`member ${memberId} is not in conference ${this.name}`);
    return endpoint;
  }
}
