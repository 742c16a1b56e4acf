import { z } from 'zod';
import type { Actor } from '@/server/auth/actor';
import { ValidationError, type FieldIssue } from '@/server/lib/errors';
import { fieldIssues } from '@/server/lib/validation';
import { localToInstant } from '@/server/rooms/rules/localtime';
import { roomCreateSchema } from '@/server/rooms/schemas';
import { duplicateRoom as duplicate } from '@/server/rooms/duplicate';
import * as rooms from '@/server/rooms/service';
import { getTenantSettings } from '@/server/tenants/service';
import { defineAction } from './define';
import { checkbox, formText, id, optionalText } from './form';

/**
 * The room form: the start is the wall-clock time typed in the tenant's zone; the options
 * (C-7, C-2, REC-1, H-5) are checkboxes, the limit a number field, the report a choice and an email.
 */
const roomForm = z.object({
  roomNumber: formText,
  name: formText,
  startsAt: formText,
  durationMinutes: formText,
  pin: optionalText,
  moderatorPin: optionalText,
  description: optionalText,
  enterMuted: checkbox,
  waitForModerator: checkbox,
  endWhenLastModeratorLeaves: checkbox,
  announceJoinLeave: checkbox,
  announceRecording: checkbox,
  recordFromStart: checkbox,
  maxParticipants: formText,
  reportTo: formText,
  reportEmail: formText,
  reportWhenAlone: checkbox,
});
type RoomForm = z.output<typeof roomForm>;

/** A browser's date field lets a year run past four digits; say so rather than "give a date". */
const startRefusal = (typed: string, reason: 'invalid' | 'gap') => (reason === 'gap' ? 'startsAt.gap' : /^\d{5,}-/.test(typed) ? 'startsAt.year' : 'startsAt.local');

/**
 * Turns the typed local start into an instant and checks every field at once, so a bad PIN and a
 * start in the spring-forward gap are both reported next to their fields.
 */
async function roomInput(actor: Actor, form: RoomForm) {
  const { timezone } = await getTenantSettings(actor);
  const typed = form.startsAt?.trim() ?? '';
  const start = localToInstant(typed, timezone);
  const issues: FieldIssue[] = [];
  if (!start.ok) issues.push({ field: 'startsAt', code: startRefusal(typed, start.reason) });
  const { maxParticipants, reportTo, reportEmail, ...fields } = form;
  const input = {
    ...fields,
    startsAt: start.ok ? start.instant.toISOString() : new Date(0).toISOString(),
    maxParticipants: formNumber(maxParticipants),
    reportRecipient: reportRecipient(reportTo, reportEmail),
  };
  const checked = roomCreateSchema.safeParse(input);
  if (!checked.success) issues.push(...fieldIssues(checked.error));
  if (issues.length > 0 || !checked.success) throw new ValidationError(issues);
  return { input: { ...checked.data, startsAt: checked.data.startsAt.toISOString() }, ambiguousStart: start.ok && start.ambiguous };
}

/** A number field left as typed when it is no number, so that the room rules name it. */
function formNumber(value: string | undefined): number | string | undefined {
  const typed = value?.trim();
  if (!typed) return undefined;
  return /^-?\d+(\.\d+)?$/.test(typed) ? Number(typed) : typed;
}

/** H-5: none, the organizer, or the address typed beside "another address" (which must be one). */
function reportRecipient(choice: string | undefined, email: string | undefined): string | undefined {
  if (choice !== 'other') return choice;
  const typed = email?.trim() ?? '';
  return ['none', 'organizer'].includes(typed.toLowerCase()) ? '' : typed;
}

export const createRoom = defineAction({
  schema: roomForm,
  async run(actor, form, now) {
    const { input, ambiguousStart } = await roomInput(actor, form);
    return { room: await rooms.createRoom(actor, input, now), ambiguousStart };
  },
});

/** Also the reschedule of an expired room: a new start is all it takes. */
export const updateRoom = defineAction({
  schema: roomForm.extend({ roomId: id }),
  async run(actor, { roomId, ...form }, now) {
    await rooms.findRoom(actor, roomId);
    const { input, ambiguousStart } = await roomInput(actor, form);
    return { room: await rooms.updateRoom(actor, roomId, input, now), ambiguousStart };
  },
});

export const deleteRoom = defineAction({
  schema: z.object({ roomId: id }),
  run: (actor, { roomId }) => rooms.deleteRoom(actor, roomId),
});

/** Issue 12: the room page's "Duplicate" button: a copy booked by the actor, nobody invited yet. */
export const duplicateRoom = defineAction({
  schema: z.object({ roomId: id }),
  run: (actor, { roomId }, now) => duplicate(actor, roomId, {}, now),
});
