import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers } from '@/server/api/openapi-parts';
import { conferenceListQuerySchema, conferenceListSchema, conferenceSchema } from './schemas';

const conferenceIdParams = z.object({ id: z.string().meta({ description: 'Conference id (uuid)' }) });

/** API-2 conferences (H-1, H-2): the call history of the token user's tenant. */
export const conferencePaths: ZodOpenApiPathsObject = {
  '/api/v1/conferences': {
    get: {
      operationId: 'listConferences',
      summary: "The tenant's conferences started in a month (tenant time zone), newest first, with participant-minutes",
      requestParams: { query: conferenceListQuerySchema },
      responses: answers({ status: 200, description: 'Conferences of the month', schema: conferenceListSchema }, 400, 401),
    },
  },
  '/api/v1/conferences/{id}': {
    get: {
      operationId: 'getConference',
      summary: 'One conference with every participant leg',
      requestParams: { path: conferenceIdParams },
      responses: answers({ status: 200, description: 'The conference', schema: conferenceSchema }, 401, 404),
    },
  },
};
