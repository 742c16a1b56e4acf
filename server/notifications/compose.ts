import type { EmailFacts } from '@/emails/facts';
import { calendarFor } from '@/emails/ics';
import { renderEmail, type RenderedEmail } from '@/emails/render';
import { renderReportEmail, type ReportFacts } from '@/emails/report';
import type { Notification } from '@/server/db/schema';
import type { MailAttachment, OutgoingEmail, SendRequest } from '@/server/mail/transport';

const calendarMethod = { invitation: 'REQUEST', update: 'REQUEST', cancellation: 'CANCEL' } as const;

/** The idempotency key of a notification or of its batch, stable for ever (E-6). */
export const emailKey = (id: string) => `notification/${id}`;
export const batchKey = (batchId: string) => `notification-batch/${batchId}`;

function attachmentsOf(row: Notification, facts: EmailFacts): MailAttachment[] {
  if (row.kind !== 'invitation' && row.kind !== 'update' && row.kind !== 'cancellation') return [];
  const recipient = { name: row.recipientName, email: row.recipientEmail, isOrganizer: row.memberId === null };
  return [
    {
      filename: row.kind === 'cancellation' ? 'cancel.ics' : 'invite.ics',
      contentType: `text/calendar; charset=utf-8; method=${calendarMethod[row.kind]}`,
      content: calendarFor(row.kind, facts, recipient, row.createdAt),
    },
  ];
}

/**
 * Builds transport requests from claimed rows. Every member of a room reads the same text, so
 * each (kind, audience, facts) is rendered once per composer; only the calendar file names its
 * recipient.
 */
export function createComposer() {
  const rendered = new Map<string, Promise<RenderedEmail>>();

  function render(row: Notification, facts: EmailFacts): Promise<RenderedEmail> {
    if (row.kind === 'report') return renderReportEmail(row.facts as ReportFacts);
    const audience = row.memberId === null ? 'organizer' : 'member';
    const cacheKey = `${row.kind}|${audience}|${JSON.stringify(facts)}`;
    let email = rendered.get(cacheKey);
    if (!email) {
      email = renderEmail(row.kind, facts, audience);
      rendered.set(cacheKey, email);
    }
    return email;
  }

  async function emailOf(row: Notification): Promise<OutgoingEmail> {
    const facts = row.facts as EmailFacts;
    const { subject, html, text } = await render(row, facts);
    return {
      idempotencyKey: emailKey(row.id),
      tenantId: row.tenantId,
      roomId: row.roomId,
      kind: row.kind,
      to: row.recipientEmail,
      subject,
      html,
      text,
      attachments: attachmentsOf(row, facts),
    };
  }

  /**
   * One request per batch, its emails in a fixed order so that a retry is the same request; a
   * batch of one goes under its notification's own key. `ids[i]` is the row of `emails[i]`.
   */
  return async function compose(batch: Notification[]): Promise<{ request: SendRequest; ids: string[] }> {
    const ordered = [...batch].sort((a, b) => a.id.localeCompare(b.id));
    const emails = await Promise.all(ordered.map(emailOf));
    const key = emails.length === 1 ? emails[0].idempotencyKey : batchKey(batch[0].batchId);
    return { request: { key, emails }, ids: ordered.map((row) => row.id) };
  };
}
