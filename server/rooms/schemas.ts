import { z } from 'zod';
import { ROOM_KINDS } from '@/server/db/schema';
import { CONTROL_CHARACTERS, MULTI_LINE, nameSchema, SINGLE_LINE } from '@/server/lib/validation';
import { ROOM_STATUSES } from './rules/window';
import { DURATION_CHOICES, PIN_PATTERN, ROOM_NUMBER_PATTERN } from './rules/numbers';

/** One set of field rules for the API and the portal form. */
export const roomNumberSchema = z.string().trim().regex(ROOM_NUMBER_PATTERN, 'roomNumber.format');
const pinSchema = z.string().trim().regex(PIN_PATTERN, 'pin.format');
const moderatorPinSchema = z.string().trim().regex(PIN_PATTERN, 'moderatorPin.format');
const durationSchema = z.coerce
  .number('durationMinutes.choice')
  .refine((v) => (DURATION_CHOICES as readonly number[]).includes(v), 'durationMinutes.choice')
  // A refinement is invisible to the OpenAPI generator; the choices are part of the contract.
  .meta({ override: { type: 'integer', enum: [...DURATION_CHOICES] } });

/** 'none', 'organizer' or one email address (H-5). */
// Zod reports the failing branch of a union, not the union: each branch carries the message.
const reportRecipientSchema = z.union(
  [z.enum(['none', 'organizer'], 'reportRecipient.format'), z.string().trim().toLowerCase().pipe(z.email('reportRecipient.format'))],
  'reportRecipient.format',
);

/** Room options (C-7, C-8, REC-1, H-5): how the room's conference behaves. */
export const roomOptionFields = {
  enterMuted: z.boolean('field.boolean'),
  waitForModerator: z.boolean('field.boolean'),
  endWhenLastModeratorLeaves: z.boolean('field.boolean'),
  announceJoinLeave: z.boolean('field.boolean'),
  announceRecording: z.boolean('field.boolean'),
  maxParticipants: z.number('maxParticipants.range').int('maxParticipants.range').min(2, 'maxParticipants.range').max(500, 'maxParticipants.range'),
  recordFromStart: z.boolean('field.boolean'),
  reportRecipient: reportRecipientSchema,
  reportWhenAlone: z.boolean('field.boolean'),
};
const optionalRoomOptions = Object.fromEntries(Object.entries(roomOptionFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof roomOptionFields]: z.ZodOptional<(typeof roomOptionFields)[K]>;
};

export const roomFields = {
  roomNumber: roomNumberSchema,
  name: nameSchema,
  durationMinutes: durationSchema,
  pin: pinSchema.nullish(),
  moderatorPin: moderatorPinSchema.nullish(),
  description: z.string().trim().max(2000, 'description.tooLong').regex(MULTI_LINE, CONTROL_CHARACTERS).nullish(),
  kind: z.enum(ROOM_KINDS, 'kind.choice').optional(),
};

const distinctPins = (room: { pin?: string | null; moderatorPin?: string | null }) =>
  !room.pin || !room.moderatorPin || room.pin !== room.moderatorPin;
const pinsMessage = { message: 'moderatorPin.sameAsPin', path: ['moderatorPin'] };

/** API-2: `startsAt` is ISO 8601 with an offset; years outside 1970–9999 (UTC) are refused, PostgreSQL would not store year 0. */
export const startsAtSchema = z.iso
  .datetime({ offset: true, error: 'startsAt.format' })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 1970 && d.getUTCFullYear() <= 9999, 'startsAt.format');

/** a room booked without a duration lasts 15 minutes. */
export const DEFAULT_DURATION_MINUTES = 15;

export const roomCreateSchema = z
  .object({ ...roomFields, durationMinutes: durationSchema.default(DEFAULT_DURATION_MINUTES), ...optionalRoomOptions, startsAt: startsAtSchema })
  .refine(distinctPins, pinsMessage)
  .meta({ id: 'RoomCreate' });

export const roomUpdateSchema = z
  .object({
    roomNumber: roomFields.roomNumber.optional(),
    name: roomFields.name.optional(),
    durationMinutes: durationSchema.optional(),
    pin: roomFields.pin,
    moderatorPin: roomFields.moderatorPin,
    description: roomFields.description,
    kind: roomFields.kind,
    startsAt: startsAtSchema.optional(),
    ...optionalRoomOptions,
  })
  .refine(distinctPins, pinsMessage)
  .meta({ id: 'RoomUpdate' });

export type RoomCreateInput = z.input<typeof roomCreateSchema>;
export type RoomUpdateInput = z.input<typeof roomUpdateSchema>;
export type RoomValues = z.output<typeof roomCreateSchema>;
export type RoomChanges = z.output<typeof roomUpdateSchema>;

export const ROOM_LIST_FILTERS = ['all', 'upcoming', 'expired'] as const;
export type RoomListFilter = (typeof ROOM_LIST_FILTERS)[number];

/** A day (in the tenant's zone) or an instant with its offset: a bound of the range of starts. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const instant = z.iso.datetime({ offset: true });
function isRangeBound(value: string): boolean {
  if (Number(value.slice(0, 4)) < 1970) return false;
  if (!DAY_PATTERN.test(value)) return instant.safeParse(value).success;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}
const rangeBound = (code: string) =>
  z
    .string()
    .trim()
    .refine(isRangeBound, code)
    .meta({ override: { type: 'string', description: 'YYYY-MM-DD (a day in the tenant time zone) or an ISO 8601 instant with its offset' } });

export const roomListQuerySchema = z
  .object({
    filter: z.enum(ROOM_LIST_FILTERS, 'field.invalid').default('all'),
    /** Part of the name, the room number or the organizer's name; accents and case do not matter. */
    q: z.string().trim().max(100, 'q.tooLong').regex(SINGLE_LINE, CONTROL_CHARACTERS).optional(),
    status: z.enum(ROOM_STATUSES, 'status.choice').optional(),
    /** Rooms starting from this day or instant… */
    from: rangeBound('from.format').optional(),
    /** …until this day (included) or instant (excluded). */
    to: rangeBound('to.format').optional(),
    limit: z.coerce.number().int('limit.range').min(1, 'limit.range').max(200, 'limit.range').default(50),
    // Bounded so that the offset stays within PostgreSQL's bigint.
    cursor: z.string().regex(/^\d{1,9}$/, 'cursor.invalid').optional(),
  })
  .refine((query) => !query.from || !query.to || query.from.slice(0, 10) <= query.to.slice(0, 10), { message: 'to.beforeFrom', path: ['to'] });
export type RoomListQuery = z.input<typeof roomListQuerySchema>;
