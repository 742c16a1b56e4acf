import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers, jsonBody } from '@/server/api/openapi-parts';
import { roomIdParams } from '@/server/rooms/openapi';
import { memberCreateSchema, memberListSchema, memberSchema } from './schemas';

const memberParams = roomIdParams.extend({ memberId: z.string().meta({ description: 'Member id (uuid)' }) });

/** API-2 members (M-1, M-2): changing a member is delete + add, so there is no PATCH. */
export const memberPaths: ZodOpenApiPathsObject = {
  '/api/v1/rooms/{id}/members': {
    get: {
      operationId: 'listMembers',
      requestParams: { path: roomIdParams },
      responses: answers({ status: 200, description: "The room's members", schema: memberListSchema }, 401, 404),
    },
    post: {
      operationId: 'addMember',
      summary: 'Add a member from an extension, the directory, or a free name',
      requestParams: { path: roomIdParams },
      requestBody: jsonBody(memberCreateSchema),
      responses: answers({ status: 201, description: 'The new member', schema: memberSchema }, 400, 401, 403, 404),
    },
  },
  '/api/v1/rooms/{id}/members/{memberId}': {
    delete: {
      operationId: 'removeMember',
      requestParams: { path: memberParams },
      responses: answers({ status: 204, description: 'Removed' }, 401, 403, 404),
    },
  },
};
