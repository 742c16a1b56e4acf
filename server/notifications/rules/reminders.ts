import { windowStatus, type RoomWindow } from '@/server/rooms/rules/window';

export type ReminderKind = 'reminder-30' | 'reminder-15';

/** M-4, in the order their moments come. */
export const REMINDERS: readonly { kind: ReminderKind; minutesBefore: number }[] = [
  { kind: 'reminder-30', minutesBefore: 30 },
  { kind: 'reminder-15', minutesBefore: 15 },
];

const MINUTE = 60_000;

export interface ReminderSituation {
  startsAt: Date;
  window: RoomWindow;
  /** When this recipient's invitation (or update, after a reschedule) was sent. */
  invitedAt: Date;
  now: Date;
}

/**
 * M-4: the reminder a recipient is due now, or null. A worker that was down catches up late
 * with the latest reminder whose moment has passed (an older one is superseded by it); nothing
 * once the window has closed; nothing whose moment came before the invitation, which already
 * said everything. Whether it was already sent is the unique key's business, not this rule's.
 */
export function dueReminder({ startsAt, window, invitedAt, now }: ReminderSituation): ReminderKind | null {
  if (windowStatus(window, now) === 'expired') return null;
  const momentOf = (minutesBefore: number) => startsAt.getTime() - minutesBefore * MINUTE;
  const latest = REMINDERS.filter((r) => momentOf(r.minutesBefore) <= now.getTime()).at(-1);
  if (!latest || momentOf(latest.minutesBefore) <= invitedAt.getTime()) return null;
  return latest.kind;
}

/** The earliest start for which a reminder can be due at `now`: rooms starting later can wait. */
export function remindersHorizon(now: Date): Date {
  return new Date(now.getTime() + REMINDERS[0].minutesBefore * MINUTE);
}
