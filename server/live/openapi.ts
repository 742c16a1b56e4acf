import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers, jsonBody } from '@/server/api/openapi-parts';
import { problemSchema } from '@/server/api/problem';
import { conferenceActionResultSchema, conferenceActionSchema } from './actions';
import { roomLinkInputSchema, roomLinkSchema } from './links';
import { liveListSchema } from './view';

const conferenceIdParams = z.object({ id: z.string().meta({ description: 'Conference id (uuid)' }) });
const roomIdParams = z.object({ id: z.string().meta({ description: 'Room id (uuid)' }) });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

/** L-1..L-3 (issue 10): running conferences, their actions, their event stream, the room links. */
export const livePaths: ZodOpenApiPathsObject = {
  '/api/v1/conferences/live': {
    get: {
      operationId: 'listLiveConferences',
      summary: "The tenant's running conferences with the participants in them now (numbers whole: the tenant's own users)",
      responses: answers({ status: 200, description: 'Running conferences', schema: liveListSchema }, 401),
    },
  },
  '/api/v1/conferences/{id}/actions': {
    post: {
      operationId: 'actOnConference',
      summary:
        'L-2: mute, unmute, kick, promote, demote (with participantId), muteAll, unmuteAll (non-moderators), lock, unlock, end, dial (with number, under the tenant dial-out policy A-5), record, stopRecord (REC-1: recording runs while two callers or more are in). The organizer of the room and tenant admins only; answers once the sip process running the conference has done it.',
      requestParams: { path: conferenceIdParams },
      requestBody: jsonBody(conferenceActionSchema),
      responses: {
        ...answers({ status: 200, description: '`dialing` for a dial (progress comes on the event stream), else `ok` or `failed` with a message', schema: conferenceActionResultSchema }, 400, 401, 403, 404),
        409: problem('The participant already left, or the conference ended: nothing changed'),
        503: problem('The sip process running the conference is gone or did not answer within 3 s'),
      },
    },
  },
  '/api/v1/conferences/{id}/events': {
    get: {
      operationId: 'conferenceEvents',
      summary:
        'Server-Sent Events of a conference: `participant.joined`, `participant.left`, `participant.updated`, `conference.updated`, `conference.ended`; `data:` is one JSON object, `id:` the event id. Send `Last-Event-ID` (or `?lastEventId=`) to resume after an id; without it the stream starts from now. The stream closes after `conference.ended`.',
      requestParams: {
        path: conferenceIdParams,
        header: z.object({ 'last-event-id': z.string().optional().meta({ description: 'Resume after this event id' }) }),
        query: z.object({ lastEventId: z.string().optional().meta({ description: 'Same as the Last-Event-ID header, for clients that cannot set it' }) }),
      },
      responses: {
        200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
        401: problem('No bearer token, or an unknown one'),
        404: problem("Missing, or another tenant's"),
      },
    },
  },
  '/api/v1/rooms/{id}/links': {
    post: {
      operationId: 'createRoomLink',
      summary:
        'L-3: creates the room\'s public tracking (read-only live view) or control (live view and actions) URL; posting again regenerates it and the old URL is dead at once, pages open on it included. The URL is shown this once; organizer and admins only.',
      requestParams: { path: roomIdParams },
      requestBody: jsonBody(roomLinkInputSchema),
      responses: answers({ status: 201, description: 'The new URL', schema: roomLinkSchema }, 400, 401, 403, 404),
    },
  },
  '/api/v1/rooms/{id}/links/{kind}': {
    delete: {
      operationId: 'deleteRoomLink',
      summary: "L-3: deletes the room's tracking or control URL; it answers 404 at once and open pages are told",
      requestParams: { path: roomIdParams.extend({ kind: z.enum(['tracking', 'control']) }) },
      responses: answers({ status: 204, description: 'Deleted (or there was none)' }, 400, 401, 403, 404),
    },
  },
};
