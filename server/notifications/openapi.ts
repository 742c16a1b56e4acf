import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers } from '@/server/api/openapi-parts';
import { roomIdParams } from '@/server/rooms/openapi';

export const invitationsSentSchema = z
  .object({ sent: z.number().int().min(0).meta({ description: 'Members newly invited by this call' }) })
  .strict()
  .meta({ id: 'InvitationsSent' });

/** API-2 (M-3, M-5) */
export const invitationPaths: ZodOpenApiPathsObject = {
  '/api/v1/rooms/{id}/invitations': {
    post: {
      operationId: 'sendInvitations',
      summary: 'Email the invitation to every member with "send emails" on who does not have it yet, and a copy to the organizer',
      requestParams: { path: roomIdParams },
      responses: answers({ status: 200, description: 'How many members were newly invited', schema: invitationsSentSchema }, 401, 403, 404),
    },
  },
};
