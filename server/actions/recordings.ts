import { z } from 'zod';
import { deleteRecording as remove } from '@/server/recordings/access';
import { defineAction } from './define';
import { id } from './form';

/** REC-2: an admin deletes a recording from the history page; the service refuses anyone else. */
export const deleteRecording = defineAction({
  schema: z.object({ id }),
  run: (actor, input, now) => remove(actor, input.id, now),
});
