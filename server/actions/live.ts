import { z } from 'zod';
import { performConferenceAction } from '@/server/live/actions';
import { createRoomLink as createLink, deleteRoomLink as deleteLink } from '@/server/live/links';
import { createWebhook as createEndpoint, deleteWebhook as deleteEndpoint } from '@/server/webhooks/endpoints';
import { defineAction } from './define';
import { formText, id, list, optionalText } from './form';

/** L-2 from the live page: the same use case as `POST /api/v1/conferences/{id}/actions`, logged as a user's. */
export const conferenceAction = defineAction({
  schema: z.object({ conferenceId: id, action: formText, participantId: optionalText, number: optionalText }),
  run: (actor, { conferenceId, action, participantId, number }, now) =>
    performConferenceAction({ kind: 'user', actor, via: 'portal' }, conferenceId, { action, ...(participantId ? { participantId } : {}), ...(number ? { number } : {}) }, now),
});

/** L-3 from the room page; the URL is in the answer once. */
export const createRoomLink = defineAction({
  schema: z.object({ roomId: id, kind: formText }),
  run: (actor, { roomId, kind }, now) => createLink(actor, roomId, { kind: kind as never }, now),
});

export const deleteRoomLink = defineAction({
  schema: z.object({ roomId: id, kind: formText }),
  run: (actor, { roomId, kind }) => deleteLink(actor, roomId, kind ?? ''),
});

/** Issue 10 webhooks, from the admin page; the secret is in the answer once. */
export const createWebhook = defineAction({
  schema: z.object({ url: formText, events: list }),
  run: (actor, { url, events }, now) => createEndpoint(actor, { url: url ?? '', events: events as never }, now),
});

export const deleteWebhook = defineAction({
  schema: z.object({ id }),
  run: (actor, input) => deleteEndpoint(actor, input.id),
});
