export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text: every attachment we send is a calendar file. */
  content: string;
}

export interface OutgoingEmail {
  /** Stable for the notification it carries: the same email sent again is recognised. */
  idempotencyKey: string;
  tenantId: string;
  /** Null for account emails (password links), which concern no room. */
  roomId: string | null;
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
}

/** One transport request: its key is stable for these emails, so repeating it sends nothing new. */
export interface SendRequest {
  key: string;
  emails: OutgoingEmail[];
}

export type SendOutcome =
  | { ok: true; providerIds: string[] }
  | { ok: false; retryable: boolean; error: string };

export interface MailTransport {
  readonly name: 'resend' | 'outbox';
  send(request: SendRequest): Promise<SendOutcome>;
}
