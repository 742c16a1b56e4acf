import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers, jsonBody } from '@/server/api/openapi-parts';
import { webhookCreatedSchema, webhookCreateSchema, webhookListSchema } from './endpoints';

const SIGNING =
  'Deliveries follow Standard Webhooks: POST with `webhook-id` (the same on every retry of one delivery), `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed with the secret after whsec_>`; body `{ type, timestamp, data }`. Retried with back-off until a 2xx, in event order per conference.';

/** Issue 10: tenant admins register HTTPS endpoints for conference events. */
export const webhookPaths: ZodOpenApiPathsObject = {
  '/api/v1/webhooks': {
    get: {
      operationId: 'listWebhooks',
      summary: "The tenant's webhook endpoints with their last error (tenant admins)",
      responses: answers({ status: 200, description: 'Endpoints (never their secrets)', schema: webhookListSchema }, 401, 403),
    },
    post: {
      operationId: 'createWebhook',
      summary: `Registers an https endpoint (loopback and private addresses refused) for some of: conference.started, conference.ended, participant.joined, participant.left, participant.muted, recording.ready. The secret is shown this once. ${SIGNING}`,
      requestBody: jsonBody(webhookCreateSchema),
      responses: answers({ status: 201, description: 'The endpoint and its signing secret', schema: webhookCreatedSchema }, 400, 401, 403),
    },
  },
  '/api/v1/webhooks/{id}': {
    delete: {
      operationId: 'deleteWebhook',
      summary: 'Removes an endpoint and its pending deliveries (tenant admins)',
      requestParams: { path: z.object({ id: z.string().meta({ description: 'Webhook id (uuid)' }) }) },
      responses: answers({ status: 204, description: 'Removed' }, 401, 403, 404),
    },
  },
};
