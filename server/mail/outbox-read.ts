import { and, desc, eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { outboxMessages } from '@/server/db/schema';
import { NotFoundError } from '@/server/lib/errors';
import { env } from '@/server/lib/env';
import { isUuid } from '@/server/lib/ids';

/** E-6: the outbox is only worth reading when it is where emails go (no RESEND_API_KEY). */
export const outboxIsTransport = () => !env().RESEND_API_KEY;

/** The operator's CLI reads every tenant's messages; a tenant admin's page only their own (T-1). */
type Scope = { tenantId?: string };

/** API-3 `outbox list`: newest first. An outbox message is stored when it is sent, so sentAt = createdAt. */
export async function listOutbox({ tenantId }: Scope = {}, limit = 200) {
  const rows = await db()
    .select()
    .from(outboxMessages)
    .where(tenantId ? eq(outboxMessages.tenantId, tenantId) : undefined)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit);
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
export async function showOutboxMessage(id: string, { tenantId }: Scope = {}) {
  if (!isUuid(id)) throw new NotFoundError('Outbox message');
  const [m] = await db()
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.id, id), tenantId ? eq(outboxMessages.tenantId, tenantId) : undefined));
  if (!m) throw new NotFoundError('Outbox message');
  return { id: m.id, to: m.to, subject: m.subject, kind: m.kind, text: m.text, html: m.html, attachments: m.attachments };
}
