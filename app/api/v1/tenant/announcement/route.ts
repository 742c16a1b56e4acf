import { MAX_ANNOUNCEMENT_BYTES } from '@/server/announcements/audio';
import { announcementAudio, deleteAnnouncement, saveAnnouncement } from '@/server/announcements/service';
import { wavResponse } from '@/server/announcements/response';
import { apiRoute } from '@/server/api/route';
import { NotFoundError } from '@/server/lib/errors';

/** T-2: the converted file (8 kHz mono WAV); 404 when the tenant has none. */
export const GET = apiRoute(async ({ actor }) => {
  const audio = await announcementAudio(actor);
  if (!audio) throw new NotFoundError('Welcome announcement');
  return wavResponse(audio);
});

/** The body is the audio file itself (WAV or MP3), whatever its Content-Type says: it is decoded to be checked. */
export const PUT = apiRoute(async ({ actor, bytes, now }) => saveAnnouncement(actor, await bytes(), now), { maxBodyBytes: MAX_ANNOUNCEMENT_BYTES });

export const DELETE = apiRoute(async ({ actor }) => deleteAnnouncement(actor));
