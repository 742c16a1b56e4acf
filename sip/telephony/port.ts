/**
 * The only telephony the flows see (ARCHITECTURE: flows speak to this port). Two adapters
 * implement it: drachtio/ (drachtio-srf + drachtio-fsmrf) and sim/ (in memory, virtual clock),
 * so the same flow code runs in tests, in `call simulate` and on FreeSWITCH.
 */

/** A prompt id (what tests and `call simulate` report) and the media URI FreeSWITCH plays. */
export interface Prompt {
  id: string;
  uri: string;
}

export interface SipAddress {
  user: string | null;
  host: string | null;
}

/** What the INVITE said about the caller, untouched: routing decides what it means (D-1, D-2). */
export interface InboundCall {
  callId: string;
  /** User part of the request URI: a portal number, `*72` or `*71*…`. */
  dialled: string;
  from: SipAddress & { displayName: string | null };
  privacy: string | null;
  assertedIdentity: SipAddress | null;
  /** Refuse before answering (404, 403, 484, 503…). */
  refuse(status: number): Promise<void>;
  answer(): Promise<CallLeg>;
}

export interface CollectOptions {
  prompt: Prompt;
  maxDigits: number;
  timeoutMs: number;
}

export interface RecordOptions {
  /** Where the media server writes the WAV (its own path: see sip/media/files.ts). */
  uri: string;
  maxMs: number;
}

/**
 * The media server could not play a prompt (its file is missing there: FreeSWITCH answers
 * "File Not Found"). The caller heard nothing of it, and a collect that fails so collected nothing.
 */
export class PromptUnavailableError extends Error {
  constructor(readonly prompts: Prompt[]) {
    super(`the media server cannot play ${prompts.map((p) => `${p.id} (${p.uri})`).join(' or ')}`);
  }
}

/** An answered call leg with its media endpoint. */
export interface CallLeg {
  readonly callId: string;
  /** The SIP dialog as the SIP server names it; kept on records so a restarted process can end it. */
  readonly dialogId: string;
  /** Rejects with PromptUnavailableError when a prompt cannot be played. */
  play(prompts: Prompt[]): Promise<void>;
  /**
   * Digits typed before `#` (or `maxDigits`); '' when nothing came before the timeout or on
   * hang-up. Rejects with PromptUnavailableError when the prompt cannot be played: then nothing
   * was collected, the caller was never asked.
   */
  collect(options: CollectOptions): Promise<string>;
  /**
   * Records what the caller says into `options.uri` until `#`, a few seconds of silence or
   * `maxMs` (T-2 `*73`); resolves with the length recorded, 0 when the caller hung up first.
   */
  record(options: RecordOptions): Promise<{ durationMs: number }>;
  onDigit(listener: (digit: string) => void): void;
  /** The far end hung up (or the media server dropped the leg). Called once. */
  onHangup(listener: () => void): void;
  /** We hang up; releases the SIP dialog and the media endpoint. Safe to call twice. */
  hangup(): Promise<void>;
}

export interface JoinFlags {
  muted: boolean;
  moderator: boolean;
}

export interface ConferenceEvents {
  /** A member entered the mix, whoever joined it; never the media server's own control member. */
  memberJoined: (memberId: number) => void;
  /** A member left the mix (hung up or kicked); never the media server's own control member. */
  memberLeft: (memberId: number) => void;
  talking: (memberId: number, talking: boolean) => void;
}

export interface MediaConference {
  readonly name: string;
  join(leg: CallLeg, flags: JoinFlags): Promise<number>;
  /** Plays a prompt to every member; resolves when it has been played (at once when its file is missing). */
  play(prompt: Prompt): Promise<void>;
  /**
   * Plays prompts, back to back, to one member only (keypad answers, C-4): the others hear
   * nothing of it. Resolves once the media server has queued them.
   */
  playTo(memberId: number, prompts: Prompt[]): Promise<void>;
  startMusic(prompt: Prompt): Promise<void>;
  stopMusic(): Promise<void>;
  mute(memberId: number): Promise<void>;
  unmute(memberId: number): Promise<void>;
  /** Asks the media server to remove the member; it leaves later (memberLeft), not when this resolves. */
  kick(memberId: number): Promise<void>;
  lock(): Promise<void>;
  unlock(): Promise<void>;
  /**
   * REC-1: the media server records the mix into `file` (a WAV, named as the media server sees
   * it) until stopRecording; once that resolves, the file is complete on disk.
   */
  startRecording(file: string): Promise<void>;
  stopRecording(file: string): Promise<void>;
  on<E extends keyof ConferenceEvents>(event: E, listener: ConferenceEvents[E]): void;
  /**
   * Ends the conference on the media server, hanging up whoever is still in it. Resolves once the
   * media server has been asked; members leave and the name is freed asynchronously after.
   */
  destroy(): Promise<void>;
}

export interface DialOutRequest {
  uri: string;
  /** SIP headers of the INVITE; the caller's identity travels in From and P-Asserted-Identity. */
  headers: Record<string, string>;
  /** No answer within this time cancels the attempt (A-2: 30 s). */
  timeoutMs: number;
}

export type DialOutcome = { result: 'answered'; leg: CallLeg } | { result: 'busy' | 'no-answer' | 'failed' };

export class ConferenceExistsError extends Error {
  constructor(name: string) {
    super(`conference ${name} exists on the media server`);
  }
}

export interface Telephony {
  /** Recorded on each conference row: which FreeSWITCH mixes it. */
  readonly mediaServer: string;
  /** Throws ConferenceExistsError when the media server has a conference of that name. */
  createConference(name: string): Promise<MediaConference>;
  /** Whether the media server has a conference of that name (run by whichever process). */
  conferenceExists(name: string): Promise<boolean>;
  /** Hangs up everyone in a conference left on the media server by a sip process that died. */
  clearConference(name: string): Promise<void>;
  /**
   * Sends BYE in a dialog a previous run of this process left up (the SIP server keeps dialogs
   * when its application goes away). False when the dialog no longer exists.
   */
  endLeftoverDialog(dialogId: string): Promise<boolean>;
  dialOut(request: DialOutRequest): Promise<DialOutcome>;
}

/** Time as the flows see it: the system clock in production, a virtual one in the simulator. */
export interface CallClock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}
