import { sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { outboxMessages } from '@/server/db/schema';
import type { MailTransport, SendOutcome, SendRequest } from './transport';

/** E-6: without a Resend key, messages are kept in the database for the operator to read. */
export function outboxTransport(from: string): MailTransport {
  return {
    name: 'outbox',
    async send({ emails }: SendRequest): Promise<SendOutcome> {
      // Idempotent per email: a request repeated after a crash keeps the message stored the
      // first time (the no-op update is there so that RETURNING yields its id).
      const stored = await db()
        .insert(outboxMessages)
        .values(emails.map((email) => ({ ...email, from })))
        .onConflictDoUpdate({ target: outboxMessages.idempotencyKey, set: { idempotencyKey: sql`excluded.idempotency_key` } })
        .returning({ id: outboxMessages.id, key: outboxMessages.idempotencyKey });
      const idOf = new Map(stored.map((row) => [row.key, row.id]));
      return { ok: true, providerIds: emails.map((email) => idOf.get(email.idempotencyKey) ?? '') };
    },
  };
}
