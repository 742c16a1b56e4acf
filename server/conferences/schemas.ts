import { recordingSchema } from '@/server/recordings/schemas';
import { z } from 'zod';
import { ACTION_SOURCES, CONFERENCE_KINDS, LEG_DIRECTIONS, PARTICIPANT_ROLES } from '@/server/db/schema/conferences';

const instant = z.iso.datetime({ offset: true });

/** `GET /api/v1/conferences?month=YYYY-MM` (H-2); the month is read in the tenant's time zone. */
export const conferenceListQuerySchema = z.object({
  // From 1970: PostgreSQL refuses year 0, and there is no call history before the epoch.
  month: z.string().regex(/^(19[7-9]\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/, 'month.format'),
});
export type ConferenceListQuery = z.input<typeof conferenceListQuerySchema>;

/**
 * Participant-minutes are the billing unit (H-2): each leg counts its started minutes, so a
 * 61-second leg bills 2 (server/history/participant-minutes.ts). A leg still in the conference
 * counts up to now.
 */
const usage = {
  durationSeconds: z.number().int(),
  participantMinutes: z.number().int(),
};

export const conferenceSummarySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(CONFERENCE_KINDS),
    room: z.object({ id: z.uuid().nullable(), roomNumber: z.string().nullable(), name: z.string().nullable() }).nullable(),
    organizerExtension: z.string().nullable(),
    startedAt: instant,
    endedAt: instant.nullable(),
    endReason: z.string().nullable(),
    /** Still running: its figures count up to the moment of the answer. */
    inProgress: z.boolean(),
    participantCount: z.number().int(),
    /** Run by a sip process on the simulated engine (SIP_ENGINE=simulated), not by real telephony. */
    simulated: z.boolean(),
    ...usage,
  })
  .meta({ id: 'ConferenceSummary' });

export const participantSchema = z
  .object({
    id: z.uuid(),
    /** null: the caller hid the number (shown as "hidden number"). */
    callerNumber: z.string().nullable(),
    callerName: z.string().nullable(),
    role: z.enum(PARTICIPANT_ROLES),
    direction: z.enum(LEG_DIRECTIONS),
    joinedAt: instant,
    leftAt: instant.nullable(),
    endReason: z.string().nullable(),
    ...usage,
    // L-1 live state (issue 10): `number` is callerNumber under the live API's name.
    number: z.string().nullable(),
    name: z.string().nullable(),
    muted: z.boolean(),
    talking: z.boolean(),
    handRaised: z.boolean(),
  })
  .meta({ id: 'Participant' });

/** One line of the action log (L-2, H-2): what was done, to whom, by whom, and how it ended. */
export const actionSchema = z
  .object({
    at: instant,
    action: z.string(),
    participantId: z.uuid().optional(),
    by: z.object({ kind: z.enum(ACTION_SOURCES), id: z.string().optional() }),
    result: z.string(),
  })
  .meta({ id: 'ConferenceAction' });

export const conferenceSchema = conferenceSummarySchema
  .extend({
    // L-1: true while the conference runs; `locked` is C-6's state.
    live: z.boolean(),
    locked: z.boolean(),
    participants: z.array(participantSchema),
    actions: z.array(actionSchema),
    // REC-2: the conference's recordings, oldest first, deleted ones included (their row is history).
    recordings: z.array(recordingSchema),
  })
  .meta({ id: 'Conference' });

export const conferenceListSchema = z
  .object({
    month: z.string(),
    items: z.array(conferenceSummarySchema),
    totals: z.object({ conferences: z.number().int(), participantMinutes: z.number().int() }),
  })
  .meta({ id: 'ConferenceList' });

export type ConferenceSummaryView = z.output<typeof conferenceSummarySchema>;
export type ConferenceView = z.output<typeof conferenceSchema>;
export type ParticipantView = z.output<typeof participantSchema>;
export type ActionView = z.output<typeof actionSchema>;
export type ConferenceListView = z.output<typeof conferenceListSchema>;
