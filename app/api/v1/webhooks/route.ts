import { apiRoute } from '@/server/api/route';
import { createWebhook, listWebhooks, type WebhookCreateInput } from '@/server/webhooks/endpoints';

export const GET = apiRoute(({ actor }) => listWebhooks(actor));

export const POST = apiRoute(async ({ actor, body, now }) => createWebhook(actor, (await body()) as WebhookCreateInput, now), { status: 201 });
