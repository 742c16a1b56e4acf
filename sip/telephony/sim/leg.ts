import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import wavefile from 'wavefile';
import { PromptUnavailableError, type CallClock, type CallLeg, type CollectOptions, type Prompt, type RecordOptions } from '../port';

/** How a simulated person behaves: the keys they press, and how long they stay once connected. */
export interface CallerScript {
  /** Keypad input as typed, `#` included: "4711#123456#". */
  dtmf?: string;
  /** Time spent in a conference before hanging up. */
  stayMs?: number;
  /** Keys typed inside the conference at given instants; keys due before the caller is in are typed as it enters. */
  keys?: { at: Date; keys: string }[];
  /** The caller hangs up at this instant, wherever it is (menu or conference); replaces `stayMs`. */
  hangupAt?: Date;
  /** Stays in the conference until hung up (`call hangup`), kicked or ended: the live simulator's callers. */
  stays?: boolean;
  /** How long the caller speaks each time they are recorded (`*73`), before the `#` that ends it; 3 s by default, 0: silence. */
  speakMs?: number;
}

const DEFAULT_SPEAK_MS = 3000;
/** What the simulated media server writes for a recording: a 440 Hz tone, as FreeSWITCH records a PCMU call (8 kHz mono). */
function spokenWav(ms: number): Uint8Array {
  const rate = 8000;
  const samples = Int16Array.from({ length: Math.round((ms / 1000) * rate) }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, rate, '16', samples);
  return wav.toBuffer();
}

const DEFAULT_STAY_MS = 60_000;
/** A person types a group of keys ("*2", "*91234#") about three keys a second. */
export const KEY_GAP_MS = 300;

/** A simulated answered leg; keeps what the person heard so scenarios can assert on it. */
export class SimLeg implements CallLeg {
  readonly heard: string[] = [];
  endedBy: 'caller' | 'bridge' | null = null;
  endedAt: Date | null = null;
  private pending: string[];
  private hangupListeners: (() => void)[] = [];
  private digitListeners: ((digit: string) => void)[] = [];
  private leaveConference: (() => void) | null = null;
  /** The media conference the leg was put into, for scenarios to find it. */
  conferenceName: string | null = null;

  constructor(
    readonly callId: string,
    /** As drachtio-server names dialogs: the Call-ID and our side of it. */
    readonly dialogId: string,
    private readonly clock: CallClock,
    private readonly script: CallerScript,
    /** The media server lacks this prompt's file. */
    private readonly missing: (prompt: Prompt) => boolean = () => false,
  ) {
    this.pending = [...(script.dtmf ?? '')];
    if (script.hangupAt) void this.clock.sleep(script.hangupAt.getTime() - clock.now().getTime()).then(() => this.hangUpByCaller());
  }

  get active(): boolean {
    return this.endedBy === null;
  }

  /** Like FreeSWITCH: the files it has are played, and the playback fails if one was missing. */
  async play(prompts: Prompt[]): Promise<void> {
    if (!this.active) return;
    for (const prompt of prompts) this.hear(prompt);
    if (prompts.some(this.missing)) throw new PromptUnavailableError(prompts);
  }

  hear(prompt: Prompt): void {
    if (this.active && !this.missing(prompt)) this.heard.push(prompt.id);
  }

  /** A missing prompt fails at once: the caller was never asked, no key is taken. */
  async collect({ prompt, maxDigits, timeoutMs }: CollectOptions): Promise<string> {
    if (!this.active) return '';
    if (this.missing(prompt)) throw new PromptUnavailableError([prompt]);
    this.heard.push(prompt.id);
    if (this.pending.length === 0) {
      await this.clock.sleep(timeoutMs);
      return '';
    }
    let digits = '';
    while (this.pending.length > 0 && digits.length < maxDigits) {
      const key = this.pending.shift()!;
      if (key === '#') break;
      digits += key;
    }
    return digits;
  }

  /**
   * Like FreeSWITCH's `record`: the caller speaks, then the `#` that ends it is taken from the
   * script; the file is written where the media server was told. Nothing is written when the
   * caller hangs up first, or has nothing to say (`speakMs: 0`).
   */
  async record({ uri, maxMs }: RecordOptions): Promise<{ durationMs: number }> {
    if (!this.active) return { durationMs: 0 };
    const durationMs = Math.min(this.script.speakMs ?? DEFAULT_SPEAK_MS, maxMs);
    await this.clock.sleep(durationMs);
    if (!this.active) return { durationMs: 0 };
    if (this.pending[0] === '#') this.pending.shift();
    if (durationMs > 0) {
      await mkdir(path.dirname(uri), { recursive: true });
      await writeFile(uri, spokenWav(durationMs));
    }
    return { durationMs };
  }

  onDigit(listener: (digit: string) => void): void {
    this.digitListeners.push(listener);
  }

  onHangup(listener: () => void): void {
    this.hangupListeners.push(listener);
  }

  /** Our BYE. */
  async hangup(): Promise<void> {
    this.end('bridge');
  }

  /** The media server hung up its side (conference ended, channel killed): the adapter BYEs the caller and says so. */
  droppedByMediaServer(): void {
    if (!this.active) return;
    this.end('bridge');
    for (const listener of this.hangupListeners) listener();
  }

  /** Out of the conference, still on the line: what a caller of a dead sip process gets when its conference is cleared. */
  leaveMix(): void {
    const leave = this.leaveConference;
    this.leaveConference = null;
    leave?.();
  }

  /** The sip process that listened to this leg died: nothing reaches it any more. */
  detach(): void {
    this.hangupListeners = [];
    this.digitListeners = [];
  }

  /** Called by the simulated conference: the person types their keys, stays a while, then hangs up. */
  joined(conferenceName: string, leave: () => void): void {
    this.conferenceName = conferenceName;
    this.leaveConference = leave;
    void this.pressRemainingKeys();
    for (const { at, keys } of this.script.keys ?? []) {
      void this.clock.sleep(at.getTime() - this.clock.now().getTime()).then(() => this.press(keys));
    }
    if (!this.script.hangupAt && !this.script.stays) void this.clock.sleep(this.script.stayMs ?? DEFAULT_STAY_MS).then(() => this.hangUpByCaller());
  }

  /** One key reaches the keypad listeners now (a DTMF event). */
  pressKey(key: string): void {
    if (!this.active) return;
    for (const listener of this.digitListeners) listener(key);
  }

  /** Keys typed one after another, as a person does. */
  async press(keys: string): Promise<void> {
    for (const [i, key] of [...keys].entries()) {
      if (i > 0) await this.clock.sleep(KEY_GAP_MS);
      this.pressKey(key);
    }
  }

  /** The person hangs up (`call hangup`). */
  hangUp(): void {
    this.hangUpByCaller();
  }

  private hangUpByCaller(): void {
    if (!this.active) return;
    this.end('caller');
    for (const listener of this.hangupListeners) listener();
  }

  /** Keys left in the script after the IVR reach the conference's keypad listeners, one per second. */
  private async pressRemainingKeys(): Promise<void> {
    while (this.pending.length > 0 && this.active) {
      await this.clock.sleep(1000);
      this.pressKey(this.pending.shift()!);
    }
  }

  private end(by: 'caller' | 'bridge'): void {
    if (!this.active) return;
    this.endedBy = by;
    this.endedAt = this.clock.now();
    this.leaveConference?.();
  }
}
