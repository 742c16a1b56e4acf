import { z } from 'zod';
import { announcementPaths } from '@/server/announcements/openapi';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { conferencePaths } from '@/server/conferences/openapi';
import { historyPaths } from '@/server/history/openapi';
import { recordingPaths } from '@/server/recordings/openapi';
import { memberPaths } from '@/server/members/openapi';
import { livePaths } from '@/server/live/openapi';
import { webhookPaths } from '@/server/webhooks/openapi';
import { invitationPaths } from '@/server/notifications/openapi';
import { roomPaths } from '@/server/rooms/openapi';
import { tenantPaths } from '@/server/tenants/openapi';
import { userPaths } from '@/server/users/openapi';
import { importPaths } from '@/server/imports/openapi';
import { answers } from './openapi-parts';

const PUBLIC = { security: [] };

const servicePaths: ZodOpenApiPathsObject = {
  '/api/health': {
    get: {
      ...PUBLIC,
      operationId: 'health',
      summary: 'Ok once the database answers',
      responses: answers({ status: 200, description: 'Up', schema: z.object({ status: z.literal('ok') }) }, 503),
    },
  },
  '/api/v1/openapi.json': {
    get: {
      ...PUBLIC,
      operationId: 'openapi',
      summary: 'This document',
      responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
    },
  },
};

let cached: ReturnType<typeof createDocument> | undefined;

/** API-2: built from the schemas the services validate with; built once, it never changes at run time. */
export function openApiDocument(): ReturnType<typeof createDocument> {
  cached ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Conference bridge API',
      version: '1',
      description: "Rooms, members, invitations and call history of the bearer token user's tenant. Errors are application/problem+json (RFC 9457).",
    },
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `npm run cli -- token create`' } } },
    paths: { ...servicePaths, ...roomPaths, ...memberPaths, ...invitationPaths, ...conferencePaths, ...tenantPaths, ...announcementPaths, ...historyPaths, ...livePaths, ...webhookPaths, ...userPaths, ...importPaths, ...recordingPaths },
  });
  return cached;
}
