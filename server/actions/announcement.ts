import { z } from 'zod';
import { MAX_ANNOUNCEMENT_BYTES } from '@/server/announcements/audio';
import { deleteAnnouncement as remove, saveAnnouncement } from '@/server/announcements/service';
import { defineAction } from './define';

/** T-2: the settings page's upload; the file itself is checked by decoding it (service), its size here first. */
export const uploadAnnouncement = defineAction({
  schema: z.object({
    file: z
      .instanceof(Blob, { error: 'announcement.required' })
      .refine((file) => file.size > 0, 'announcement.required')
      .refine((file) => file.size <= MAX_ANNOUNCEMENT_BYTES, 'announcement.tooBig'),
  }),
  run: async (actor, { file }, now) => saveAnnouncement(actor, new Uint8Array(await file.arrayBuffer()), now),
});

export const deleteAnnouncement = defineAction({
  schema: z.object({}),
  run: async (actor) => remove(actor),
});
