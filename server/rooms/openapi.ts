import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers, jsonBody } from '@/server/api/openapi-parts';
import { roomCreateSchema, roomListQuerySchema, roomUpdateSchema } from './schemas';
import { roomListSchema, roomSchema } from './view';

export const roomIdParams = z.object({ id: z.string().meta({ description: 'Room id (uuid)' }) });

/** API-2 rooms: the request schemas are the ones the service parses with, so the document cannot drift. */
export const roomPaths: ZodOpenApiPathsObject = {
  '/api/v1/rooms': {
    get: {
      operationId: 'listRooms',
      summary: "The tenant's rooms, soonest first (expired: latest first)",
      requestParams: { query: roomListQuerySchema },
      responses: answers({ status: 200, description: 'One page of rooms', schema: roomListSchema }, 400, 401),
    },
    post: {
      operationId: 'createRoom',
      summary: 'Book a room; the caller is its organizer',
      requestBody: jsonBody(roomCreateSchema),
      responses: answers({ status: 201, description: 'The new room', schema: roomSchema }, 400, 401, 409),
    },
  },
  '/api/v1/rooms/{id}': {
    get: {
      operationId: 'getRoom',
      requestParams: { path: roomIdParams },
      responses: answers({ status: 200, description: 'The room', schema: roomSchema }, 401, 404),
    },
    patch: {
      operationId: 'updateRoom',
      summary: 'Change a room; a new start or duration is a reschedule',
      requestParams: { path: roomIdParams },
      requestBody: jsonBody(roomUpdateSchema),
      responses: answers({ status: 200, description: 'The changed room', schema: roomSchema }, 400, 401, 403, 404, 409),
    },
    delete: {
      operationId: 'deleteRoom',
      requestParams: { path: roomIdParams },
      responses: answers({ status: 204, description: 'Deleted' }, 401, 403, 404),
    },
  },
};
