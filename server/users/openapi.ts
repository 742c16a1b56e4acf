import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers, jsonBody } from '@/server/api/openapi-parts';
import { ROLES } from '@/server/db/schema';
import { userUpdateSchema } from './schemas';

export const userSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), extension: z.string().nullable() })
  .meta({ id: 'User' });
const userIdParams = z.object({ id: z.string().meta({ description: 'User id (uuid)' }) });

/** Issue 12: the tenant's users, for its admins (everyone else gets 403). */
export const userPaths: ZodOpenApiPathsObject = {
  '/api/v1/users': {
    get: {
      operationId: 'listUsers',
      summary: "The tenant's users (tenant admins only)",
      responses: answers({ status: 200, description: 'The users', schema: z.object({ items: z.array(userSchema) }) }, 401, 403),
    },
  },
  '/api/v1/users/{id}': {
    get: {
      operationId: 'getUser',
      requestParams: { path: userIdParams },
      responses: answers({ status: 200, description: 'The user', schema: userSchema }, 401, 403, 404),
    },
    patch: {
      operationId: 'updateUser',
      summary: "Change a user's name, email, role or extension (tenant admins only)",
      description:
        'Only the fields given change. `extension: null` leaves the user without an extension; a number the tenant does not have yet is created; one another user holds is refused (409). An email used by any account is refused with 409 "this email cannot be used".',
      requestParams: { path: userIdParams },
      requestBody: jsonBody(userUpdateSchema),
      responses: answers({ status: 200, description: 'The changed user', schema: userSchema }, 400, 401, 403, 404, 409),
    },
  },
  '/api/v1/users/{id}/password-link': {
    post: {
      operationId: 'sendPasswordLink',
      summary: 'Email the user a link to choose a new password (works once, 24 hours)',
      requestParams: { path: userIdParams },
      responses: answers({ status: 202, description: 'The email was handed to the transport', schema: z.object({ sent: z.boolean() }) }, 401, 403, 404),
    },
  },
};
