import { desc, eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { outboxMessages } from '@/server/db/schema';
import { NotFoundError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';

/** API-3 `outbox list`: newest first. An outbox message is stored when it is sent, so sentAt = createdAt. */
export async function listOutbox(limit = 200) {
  const rows = await db().select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id)).limit(limit);
  return {
    items: rows.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      kind: m.kind,
      roomId: m.roomId,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.createdAt.toISOString(),
      attachments: m.attachments.map(({ filename, contentType }) => ({ filename, contentType })),
    })),
  };
}

/** API-3 `outbox show ID`: the whole message, attachments included as text. */
export async function showOutboxMessage(id: string) {
  if (!isUuid(id)) throw new NotFoundError('Outbox message');
  const [m] = await db().select().from(outboxMessages).where(eq(outboxMessages.id, id));
  if (!m) throw new NotFoundError('Outbox message');
  return { id: m.id, to: m.to, subject: m.subject, kind: m.kind, text: m.text, html: m.html, attachments: m.attachments };
}
