import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers, jsonBody } from '@/server/api/openapi-parts';
import { roomDuplicateSchema } from './duplicate';
import { roomCreateSchema, roomListQuerySchema, roomUpdateSchema } from './schemas';
import { roomListSchema, roomSchema } from './view';

export const roomIdParams = z.object({ id: z.string().meta({ description: 'Room id (uuid)' }) });

/** API-2 rooms: the request schemas are the ones the service parses with, so the document cannot drift. */
export const roomPaths: ZodOpenApiPathsObject = {
  '/api/v1/rooms': {
    get: {
      operationId: 'listRooms',
      summary: "The tenant's rooms, soonest first (expired: latest first); q, status, from and to narrow the list",
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
      summary: 'Change a room; a change of a fact printed in the invitation sends the update to everyone invited (E-3)',
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
  '/api/v1/rooms/{id}/calendar.ics': {
    get: {
      operationId: 'getRoomCalendar',
      summary: "The room's event to add to a calendar (METHOD:PUBLISH; same UID and SEQUENCE as the invitations)",
      requestParams: { path: roomIdParams },
      // answers() writes JSON successes only: its 200 is replaced by the text/calendar one.
      responses: {
        ...answers({ status: 200, description: 'iCalendar file', schema: z.string() }, 401, 404),
        200: { description: 'iCalendar file: DTSTART;TZID=<tenant zone> with its VTIMEZONE', content: { 'text/calendar': { schema: z.string() } } },
      },
    },
  },
  '/api/v1/rooms/{id}/duplicate': {
    post: {
      operationId: 'duplicateRoom',
      summary: 'A new room like this one: new room number and PIN, same options and members, nobody invited; the body is optional',
      requestParams: { path: roomIdParams },
      requestBody: { required: false, content: { 'application/json': { schema: roomDuplicateSchema } } },
      responses: answers({ status: 201, description: 'The new room', schema: roomSchema }, 400, 401, 404),
    },
  },
};
