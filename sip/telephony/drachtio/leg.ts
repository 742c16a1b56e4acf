import type { CallLeg, CollectOptions, Prompt } from '../port';
import type { FsEndpoint, SrfDialog } from './types';

const DIGIT_GAP_MS = 5_000;

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
    dialog.on('destroy', () => {
      void this.release(false);
      for (const listener of this.hangupListeners) listener();
    });
  }

  get callId(): string {
    return this.dialog.sip.callId;
  }

  async play(prompts: Prompt[]): Promise<void> {
    if (this.released || prompts.length === 0) return;
    await Promise.race([this.settledLater(this.endpoint.play(prompts.map((p) => p.uri))), this.gone]);
  }

  async collect({ prompt, maxDigits, timeoutMs }: CollectOptions): Promise<string> {
    if (this.released) return '';
    const collecting = this.endpoint.playCollect({
      file: prompt.uri,
      min: 1,
      max: maxDigits,
      tries: 1,
      timeout: timeoutMs,
      digitTimeout: DIGIT_GAP_MS,
      terminators: '#',
      regexp: '\\d+',
    });
    const result = await Promise.race([this.settledLater(collecting), this.gone.then(() => ({ digits: '' }))]);
    return result.digits ?? '';
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
      await new Promise<void>((resolve) =>
        this.dialog.destroy({}, (err) => {
          if (err) this.onError(err, 'BYE failed');
          resolve();
        }),
      );
    }
    await this.endpoint.destroy().catch((err) => this.onError(err, 'endpoint release failed'));
  }
}
