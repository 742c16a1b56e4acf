import { z } from 'zod';
import { conferenceListQuerySchema } from '@/server/conferences/schemas';

/** `?month=YYYY-MM`, read in the tenant's time zone: the same month as the history list (H-2). */
export const monthQuerySchema = conferenceListQuerySchema;
export type MonthQuery = z.input<typeof monthQuerySchema>;

/** H-4: one line per room (and per ad-hoc organizer extension, with `roomId` null). */
export const usageLineSchema = z
  .object({
    roomId: z.uuid().nullable(),
    kind: z.enum(['room', 'adhoc']),
    roomNumber: z.string().nullable(),
    name: z.string().nullable(),
    /** Ad-hoc calls are counted per extension that started them. */
    organizerExtension: z.string().nullable(),
    conferences: z.number().int(),
    participantMinutes: z.number().int(),
  })
  .meta({ id: 'UsageLine' });

export const usageSchema = z
  .object({
    month: z.string(),
    rooms: z.array(usageLineSchema),
    /** Every day of the month (tenant time zone), by the day its conferences started. */
    days: z.array(z.object({ date: z.iso.date(), conferences: z.number().int(), participantMinutes: z.number().int() })),
    total: z.object({ conferences: z.number().int(), participantMinutes: z.number().int() }),
  })
  .meta({ id: 'Usage' });

export type UsageView = z.output<typeof usageSchema>;
export type UsageLine = z.output<typeof usageLineSchema>;
