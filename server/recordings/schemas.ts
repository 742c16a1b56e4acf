import { z } from 'zod';
import { RECORDING_STATES, type Recording } from '@/server/db/schema/recordings';

/** REC-2: a link lasts an hour unless asked otherwise, at most a week (it travels in emails). */
export const DEFAULT_LINK_TTL_SECONDS = 3600;
export const MAX_LINK_TTL_SECONDS = 7 * 24 * 3600;

export const recordingSchema = z
  .object({
    id: z.uuid(),
    state: z.enum(RECORDING_STATES),
    durationSeconds: z.number().int().optional(),
  })
  .meta({ id: 'Recording' });

export const recordingLinkInputSchema = z
  .object({ ttlSeconds: z.number().int().min(60).max(MAX_LINK_TTL_SECONDS).optional() })
  .strict()
  .meta({ id: 'RecordingLinkInput' });

export const recordingLinkSchema = z.object({ url: z.url(), expiresAt: z.iso.datetime({ offset: true }) }).meta({ id: 'RecordingLink' });

export type RecordingView = z.output<typeof recordingSchema>;
export type RecordingLinkInput = z.input<typeof recordingLinkInputSchema>;
export type RecordingLinkView = z.output<typeof recordingLinkSchema>;

export function recordingView(row: Recording): RecordingView {
  return { id: row.id, state: row.state, ...(row.durationSeconds === null ? {} : { durationSeconds: row.durationSeconds }) };
}
