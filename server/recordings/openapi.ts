import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers } from '@/server/api/openapi-parts';
import { recordingLinkInputSchema, recordingLinkSchema } from './schemas';

const recordingIdParams = z.object({ id: z.string().meta({ description: 'Recording id (uuid), from GET /api/v1/conferences/{id}' }) });

/** REC-2: links to listen to a recording, and deleting it. */
export const recordingPaths: ZodOpenApiPathsObject = {
  '/api/v1/recordings/{id}/link': {
    post: {
      operationId: 'recordingLink',
      summary: 'An expiring link (default 1 hour) that serves the MP3 (audio/mpeg) without a session; 404 after it expires or once the recording is deleted. The conference organizer and admins only.',
      requestParams: { path: recordingIdParams },
      requestBody: { required: false, content: { 'application/json': { schema: recordingLinkInputSchema } } },
      responses: answers({ status: 200, description: 'The link', schema: recordingLinkSchema }, 400, 401, 404, 409),
    },
  },
  '/api/v1/recordings/{id}': {
    delete: {
      operationId: 'deleteRecording',
      summary: 'Tenant admins: deletes the recording file; the row stays with state `deleted`',
      requestParams: { path: recordingIdParams },
      responses: answers({ status: 204, description: 'Deleted' }, 401, 403, 404),
    },
  },
};
