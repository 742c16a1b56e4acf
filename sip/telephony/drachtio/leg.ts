import { PromptUnavailableError, type CallLeg, type CollectOptions, type Prompt, type RecordOptions } from '../port';
import { withTimeout } from './bounded';
import type { EslEvent, FsEndpoint, SrfDialog } from './types';

const DIGIT_GAP_MS = 5_000;
const DIGIT_VARIABLE = 'myDigitBuffer';
/** What play_and_get_digits plays after an entry that does not match: nothing audible. */
const INVALID_ENTRY_SOUND = 'silence_stream://250';

/**
 * A SIP dialog and its FreeSWITCH endpoint, owned together: whichever side ends first, both are
 * released once, so no endpoint outlives its caller.
 */
export class DrachtioLeg implements CallLeg {
  private released = false;
  private hangupListeners: (() => void)[] = [];
  /** Resolves when the leg ends: a media operation on a gone channel may never call back. */
  private readonly gone: Promise<void>;
  private markGone!: () => void;

  constructor(
    readonly dialog: SrfDialog,
    readonly endpoint: FsEndpoint,
    private readonly onError: (err: unknown, what: string) => void,
  ) {
    this.gone = new Promise((resolve) => (this.markGone = resolve));
    dialog.on('destroy', () => this.endedElsewhere(false));
    // FreeSWITCH hung up its side (conference hup, media timeout, uuid_kill): the caller gets our BYE.
    endpoint.on('destroy', () => this.endedElsewhere(true));
  }

  get callId(): string {
    return this.dialog.sip.callId;
  }

  get dialogId(): string {
    return this.dialog.id;
  }

  async play(prompts: Prompt[]): Promise<void> {
    if (this.released || prompts.length === 0) return;
    const playing = this.settledLater(this.endpoint.play(prompts.map((p) => p.uri))).catch((err: unknown) => {
      // fsmrf turns FreeSWITCH's "FILE NOT FOUND" application response into this error.
      if (err instanceof Error && err.message === 'File Not Found') throw new PromptUnavailableError(prompts);
      throw err;
    });
    await Promise.race([playing, this.gone]);
  }

  /**
   * play_and_get_digits, run directly rather than through fsmrf's playCollect because only the
   * completion event tells a missing prompt from an empty entry: FreeSWITCH clears `read_result`
   * when it starts reading and sets it (success, timeout, failure) unless the prompt could not be
   * played, in which case it returns at once with nothing collected.
   */
  async collect({ prompt, maxDigits, timeoutMs }: CollectOptions): Promise<string> {
    if (this.released) return '';
    const args = [1, maxDigits, 1, timeoutMs, '#', prompt.uri, INVALID_ENTRY_SOUND, DIGIT_VARIABLE, '\\d+', DIGIT_GAP_MS].join(' ');
    const collecting = this.settledLater(this.endpoint.execute('play_and_get_digits', args));
    const evt = await Promise.race([collecting, this.gone.then(() => null)]);
    if (!evt || this.released) return '';
    const digits = evt.getHeader(`variable_${DIGIT_VARIABLE}`) ?? '';
    if (digits === '' && promptFailed(evt)) throw new PromptUnavailableError([prompt]);
    return digits;
  }

  /**
   * FreeSWITCH's `record` ends on the channel's playback terminators, `*` unless set: the caller is
   * told to press `#`. It also ends after a few seconds of silence (energy under 200 for 5 hits).
   */
  async record({ uri, maxMs }: RecordOptions): Promise<{ durationMs: number }> {
    if (this.released) return { durationMs: 0 };
    await this.settledLater(this.endpoint.execute('set', 'playback_terminators=#'));
    const recording = this.settledLater(this.endpoint.record(uri, { timeLimitSecs: Math.ceil(maxMs / 1000), silenceThresh: 200, silenceHits: 5 }));
    const result = await Promise.race([recording, this.gone.then(() => null)]);
    if (!result || this.released) return { durationMs: 0 };
    return { durationMs: Number(result.recordMilliseconds) || 0 };
  }

  onDigit(listener: (digit: string) => void): void {
    this.endpoint.on('dtmf', (evt) => listener(evt.dtmf));
  }

  onHangup(listener: () => void): void {
    this.hangupListeners.push(listener);
  }

  async hangup(): Promise<void> {
    await this.release(true);
  }

  private endedElsewhere(sendBye: boolean): void {
    if (this.released) return;
    void this.release(sendBye);
    for (const listener of this.hangupListeners) listener();
  }

  /** An operation that loses the race against hang-up may still fail later; that is no news. */
  private settledLater<T>(operation: Promise<T>): Promise<T> {
    operation.catch((err) => this.released && this.onError(err, 'media operation ended with the call'));
    return operation;
  }

  private async release(sendBye: boolean): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.markGone();
    if (sendBye) {
      // Callback form: the promise form of Dialog#destroy rejects unobserved when the BYE fails.
      const bye = new Promise<void>((resolve, reject) => this.dialog.destroy({}, (err) => (err ? reject(err) : resolve())));
      await withTimeout(bye, 'BYE').catch((err) => this.onError(err, 'BYE failed'));
    }
    await this.releaseEndpoint();
  }

  /**
   * fsmrf's Endpoint#destroy queues a hangup and waits for FreeSWITCH's BYE; a channel that never
   * runs its queue would keep us waiting forever, so after a while the channel is killed instead.
   */
  private async releaseEndpoint(): Promise<void> {
    try {
      await withTimeout(this.endpoint.destroy(), 'endpoint release');
    } catch (err) {
      this.onError(err, 'endpoint release failed: killing its channel');
      await withTimeout(this.endpoint.api('uuid_kill', this.endpoint.uuid), 'uuid_kill').catch((e) => this.onError(e, 'uuid_kill failed'));
    }
  }
}

/** Without `read_result`, FreeSWITCH never got to read: the prompt could not be played. */
const promptFailed = (evt: EslEvent) => !evt.getHeader('variable_read_result');
