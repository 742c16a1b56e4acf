import type { CallTenant } from '@/server/admission/tenant-lookup';
import type { Logger } from '@/server/lib/logger';
import type { Catalogue, PromptId } from './prompts/catalogue';
import type { CallerIdentity } from './routing';
import type { CallLeg } from './telephony/port';

const DIGIT_TIMEOUT_MS = 10_000;

/**
 * One answered call: owns the leg (SIP dialog + media endpoint), speaks the tenant's language,
 * logs with call id and tenant, and knows when the caller has gone so flows stop at once.
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
    if (this.active) await this.leg.play(ids.map((id) => this.catalogue.prompt(id, this.tenant.language)));
  }

  /** Digits then `#`; '' on timeout, on an empty entry, or once the caller has gone. */
  async collect(id: PromptId, maxDigits: number): Promise<string> {
    if (!this.active) return '';
    const prompt = this.catalogue.prompt(id, this.tenant.language);
    return this.leg.collect({ prompt, maxDigits, timeoutMs: DIGIT_TIMEOUT_MS });
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
}
