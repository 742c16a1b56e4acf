import { randomBytes } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { webhookEndpoints, WEBHOOK_EVENT_TYPES, type WebhookEndpoint } from '@/server/db/schema';
import { env } from '@/server/lib/env';
import { ForbiddenError, NotFoundError, ValidationError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { parseInput } from '@/server/lib/validation';
import { refuseWebhookUrl } from './address';

/** Issue 10: a tenant admin registers endpoints for the tenant's conference events. */
export { WEBHOOK_EVENT_TYPES };
export const WEBHOOK_ENDPOINTS_MAX = 20;

export const webhookCreateSchema = z
  .object({
    url: z.string().trim().max(2000, 'webhook.url').url('webhook.url'),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES, 'webhook.events'), 'webhook.events')
      .min(1, 'webhook.events')
      .transform((events) => [...new Set(events)]),
  })
  .strict()
  .meta({ id: 'WebhookCreate' });
export type WebhookCreateInput = z.input<typeof webhookCreateSchema>;

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    createdAt: z.iso.datetime({ offset: true }),
    /** The last failed delivery's error, until a later delivery succeeds. */
    lastError: z.string().nullable(),
    lastErrorAt: z.iso.datetime({ offset: true }).nullable(),
    lastDeliveredAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Webhook' });
export type WebhookView = z.output<typeof webhookSchema>;

export const webhookCreatedSchema = webhookSchema.extend({ secret: z.string().meta({ description: 'whsec_… shown this once: verify signatures with it' }) }).meta({ id: 'WebhookCreated' });
export const webhookListSchema = z.object({ items: z.array(webhookSchema) }).meta({ id: 'WebhookList' });

function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin manages webhooks');
}

const view = (row: WebhookEndpoint): WebhookView => ({
  id: row.id,
  url: row.url,
  events: row.events,
  createdAt: row.createdAt.toISOString(),
  lastError: row.lastError,
  lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
  lastDeliveredAt: row.lastDeliveredAt?.toISOString() ?? null,
});

export async function createWebhook(actor: Actor, input: WebhookCreateInput, now: Date): Promise<WebhookView & { secret: string }> {
  assertAdmin(actor);
  const { url, events } = parseInput(webhookCreateSchema, input);
  const refusal = await refuseWebhookUrl(url, env().WEBHOOKS_ALLOW_PRIVATE);
  if (refusal) throw new ValidationError([{ field: 'url', code: refusal }]);
  // Standard Webhooks: a 24-byte random key, base64, after the whsec_ prefix.
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const row = await db().transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, actor.tenantId));
    if (n >= WEBHOOK_ENDPOINTS_MAX) throw new ValidationError([{ field: 'url', code: 'webhook.tooMany' }]);
    const [created] = await tx.insert(webhookEndpoints).values({ tenantId: actor.tenantId, url, events, secret, createdAt: now }).returning();
    return created;
  });
  return { ...view(row), secret };
}

export async function listWebhooks(actor: Actor): Promise<{ items: WebhookView[] }> {
  assertAdmin(actor);
  const rows = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, actor.tenantId)).orderBy(asc(webhookEndpoints.createdAt));
  return { items: rows.map(view) };
}

/** Its pending deliveries go with it. */
export async function deleteWebhook(actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError('Webhook');
  assertAdmin(actor);
  const deleted = await db()
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.tenantId, actor.tenantId)))
    .returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw new NotFoundError('Webhook');
}
