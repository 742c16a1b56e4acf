import { env } from '@/server/lib/env';
import { outboxTransport } from './outbox';
import { resendTransport } from './resend';
import type { MailTransport } from './transport';

/** E-6: Resend when RESEND_API_KEY is set, the database outbox otherwise. */
export function mailTransportFromEnv(): MailTransport {
  const settings = env();
  return settings.RESEND_API_KEY
    ? resendTransport({ apiKey: settings.RESEND_API_KEY, baseUrl: settings.RESEND_BASE_URL, from: settings.MAIL_FROM })
    : outboxTransport(settings.MAIL_FROM);
}
