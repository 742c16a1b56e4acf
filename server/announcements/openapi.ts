import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers } from '@/server/api/openapi-parts';
import { problemSchema } from '@/server/api/problem';
import { ANNOUNCEMENT_SOURCES } from '@/server/db/schema/announcements';
import { MAX_ANNOUNCEMENT_BYTES, MAX_ANNOUNCEMENT_MS } from './audio';

export const announcementSchema = z
  .object({
    durationMs: z.number().int().max(MAX_ANNOUNCEMENT_MS),
    sizeBytes: z.number().int().describe('Of the stored file (8 kHz 16-bit mono WAV)'),
    source: z.enum(ANNOUNCEMENT_SOURCES).describe('`phone`: recorded with *73 from an extension'),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Announcement' });

const audio = (description: string) => ({ description, content: { 'audio/wav': { schema: { type: 'string' as const, format: 'binary' } } } });

/** T-2: the tenant's welcome announcement (tenant admins only). */
export const announcementPaths: ZodOpenApiPathsObject = {
  '/api/v1/tenant/announcement': {
    get: {
      operationId: 'getAnnouncement',
      summary: 'Download the welcome announcement as callers hear it (8 kHz mono WAV)',
      responses: { ...answers({ status: 200, description: 'The announcement', schema: z.string() }, 401, 403, 404), 200: audio('The announcement') },
    },
    put: {
      operationId: 'putAnnouncement',
      summary: 'Upload a WAV or MP3 (at most 60 s) as the welcome announcement; it replaces the current one',
      description: `The body is the file itself (at most ${MAX_ANNOUNCEMENT_BYTES} bytes). It is decoded to check that it is audio, mixed down to mono and resampled to 8 kHz 16-bit. Refusals name the field \`file\`: \`announcement.notAudio\`, \`announcement.tooLong\`, \`announcement.required\` (empty body); a larger body is answered 413.`,
      requestBody: {
        required: true,
        content: { 'audio/wav': { schema: { type: 'string', format: 'binary' } }, 'audio/mpeg': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: {
        ...answers({ status: 200, description: 'The stored announcement', schema: announcementSchema }, 400, 401, 403),
        413: { description: 'The body is larger than the limit', content: { 'application/problem+json': { schema: problemSchema } } },
      },
    },
    delete: {
      operationId: 'deleteAnnouncement',
      summary: 'Remove the welcome announcement (callers hear the standard welcome)',
      responses: answers({ status: 204, description: 'Removed, or there was none' }, 401, 403),
    },
  },
};
