import type { CallTenant } from '@/server/admission/tenant-lookup';
import type { Logger } from '@/server/lib/logger';
import type { Catalogue, PromptId } from './prompts/catalogue';
import type { CallerIdentity } from './routing';
import { PromptUnavailableError, type CallLeg, type Prompt } from './telephony/port';

const DIGIT_TIMEOUT_MS = 10_000;

/** Asks for an entry when the media server cannot play the prompt that should have: a short beep. */
const ENTRY_TONE: Prompt = { id: 'entry-tone', uri: 'tone_stream://%(300,0,800)' };

/**
 * One answered call: owns the leg (SIP dialog + media endpoint), speaks the tenant's language,
 * logs with call id and tenant, and knows when the caller has gone so flows stop at once.
 * A prompt the media server cannot play never ends the call: it is logged and skipped.
 */
export class CallSession {
  private ended = false;

  constructor(
    readonly leg: CallLeg,
    readonly tenant: CallTenant,
    readonly caller: CallerIdentity,
    private readonly catalogue: Catalogue,
    readonly log: Logger,
  ) {
    leg.onHangup(() => {
      this.ended = true;
      this.log.info('caller hung up');
    });
  }

  get active(): boolean {
    return !this.ended;
  }

  async play(...ids: PromptId[]): Promise<void> {
    await this.playPrompts(ids.map((id) => this.catalogue.prompt(id, this.tenant.language)));
  }

  /** A recording of the tenant's own (its welcome announcement). */
  async announce(prompt: Prompt): Promise<void> {
    await this.playPrompts([prompt]);
  }

  /**
   * Digits then `#`; '' on timeout, on an empty entry, or once the caller has gone. When the
   * prompt cannot be played the caller is asked with a beep instead: a missing file is never
   * taken for an empty entry.
   */
  async collect(id: PromptId, maxDigits: number): Promise<string> {
    if (!this.active) return '';
    const prompt = this.catalogue.prompt(id, this.tenant.language);
    try {
      return await this.leg.collect({ prompt, maxDigits, timeoutMs: DIGIT_TIMEOUT_MS });
    } catch (err) {
      if (!(err instanceof PromptUnavailableError)) throw err;
      this.log.error({ err, prompt: id }, 'prompt missing on the media server: asking with a beep instead');
      return this.leg.collect({ prompt: ENTRY_TONE, maxDigits, timeoutMs: DIGIT_TIMEOUT_MS });
    }
  }

  /** Refusal after answer (D-3, D-4): the reason's prompt, goodbye, hang-up. */
  async refuse(...ids: PromptId[]): Promise<void> {
    await this.play(...ids, 'goodbye');
    await this.hangup();
  }

  async hangup(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.leg.hangup();
  }

  private async playPrompts(prompts: Prompt[]): Promise<void> {
    if (!this.active) return;
    try {
      await this.leg.play(prompts);
    } catch (err) {
      if (!(err instanceof PromptUnavailableError)) throw err;
      this.log.error({ err, prompts: prompts.map((p) => p.id) }, 'prompt missing on the media server: the caller did not hear it');
    }
  }
}
