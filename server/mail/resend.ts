import { Resend } from 'resend';
import type { MailTransport, OutgoingEmail, SendOutcome, SendRequest } from './transport';

export interface ResendOptions {
  apiKey: string;
  baseUrl: string;
  from: string;
  /** How many times one request is repeated after a 429 before the dispatcher takes over. */
  rateLimitRetries?: number;
  requestTimeoutMs?: number;
}

interface ResendFailure {
  statusCode?: number | null;
  name?: string;
  message?: string;
}

/** A request that hangs must not hold the worker's round for ever; the repeat reuses the key. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;
/** Longer rate limits are left to the dispatcher's back-off rather than held in a claimed round. */
const LONGEST_INLINE_WAIT_MS = 10_000;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(headers: Record<string, string> | null): number {
  const seconds = Number(headers?.['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : DEFAULT_RATE_LIMIT_WAIT_MS;
}

/**
 * A 429, a server error, a network failure, or Resend still processing the same key may succeed
 * later; any other 4xx means the request itself is wrong and repeating it changes nothing.
 */
function isRetryable(error: ResendFailure): boolean {
  const status = error.statusCode ?? 0;
  return status === 0 || status === 429 || status >= 500 || error.name === 'concurrent_idempotent_requests';
}

function payloadOf(email: OutgoingEmail, from: string) {
  return {
    from,
    to: [email.to],
    subject: email.subject,
    html: email.html,
    text: email.text,
    attachments: email.attachments.length
      ? email.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.content), contentType: a.contentType }))
      : undefined,
  };
}

/**
 * E-6 with RESEND_API_KEY: a request of one email goes to POST /emails, a request of several to
 * POST /emails/batch (only reminders are batched: the batch endpoint takes no attachments).
 * Every call carries the request's Idempotency-Key, so the call repeated after a crash, a
 * timeout or a 429 is not a second email.
 */
export function resendTransport(options: ResendOptions): MailTransport {
  const client = new Resend(options.apiKey, { baseUrl: options.baseUrl });
  const retries = options.rateLimitRetries ?? 3;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Shared by every call through this transport (the worker keeps one): after a 429, nobody
  // calls before Resend allows it.
  let quietUntil = 0;

  async function call(request: SendRequest) {
    const requestOptions = { idempotencyKey: request.key, signal: AbortSignal.timeout(timeoutMs) };
    if (request.emails.length === 1) {
      return client.emails.send(payloadOf(request.emails[0], options.from), requestOptions);
    }
    const result = await client.batch.send(
      request.emails.map((email) => payloadOf(email, options.from)),
      requestOptions,
    );
    return { ...result, data: result.data ? { ids: result.data.data.map((d) => d.id) } : null };
  }

  return {
    name: 'resend',
    async send(request: SendRequest): Promise<SendOutcome> {
      for (let attempt = 0; ; attempt++) {
        const pause = quietUntil - Date.now();
        if (pause > LONGEST_INLINE_WAIT_MS) {
          return { ok: false, retryable: true, error: `resend 429: rate limited for ${Math.ceil(pause / 1000)} s more` };
        }
        if (pause > 0) await wait(pause);
        const { data, error, headers } = await call(request);
        if (data) return { ok: true, providerIds: 'ids' in data ? data.ids : [data.id] };
        const failure = (error ?? {}) as ResendFailure;
        if (failure.statusCode === 429) {
          quietUntil = Math.max(quietUntil, Date.now() + retryAfterMs(headers));
          if (attempt < retries) continue;
        }
        return {
          ok: false,
          retryable: isRetryable(failure),
          error: `resend ${failure.statusCode ?? 'network'} ${failure.name ?? ''}: ${failure.message ?? 'no answer'}`.trim(),
        };
      }
    },
  };
}
