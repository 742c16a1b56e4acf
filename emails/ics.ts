import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { EmailFacts } from './facts';
import { emailView } from './view';

export type CalendarKind = 'invitation' | 'update' | 'cancellation';

export interface CalendarRecipient {
  name: string;
  email: string;
  /** The organizer's copy names no attendee: the organizer is not invited to their own room. */
  isOrganizer: boolean;
}

/** One event per room for ever, so calendars update or remove the event they already hold (E-3, E-4). */
export function calendarUid(roomId: string): string {
  return `room-${roomId}@conference-bridge`;
}

function dialInstructions(facts: EmailFacts): string {
  const view = emailView(facts);
  const { label } = view.words;
  return [
    `${label.portalNumbers}${label.separator}${view.portalNumbers.join(', ')}`,
    `${label.roomNumber}${label.separator}${view.roomNumber}`,
    ...(view.pin ? [`${label.pin}${label.separator}${view.pin}`] : []),
    view.words.howToJoin(Boolean(view.pin)),
    view.words.extensionHint,
    ...(view.oneTapUri ? [`${view.words.oneTap}${label.separator}${view.oneTapUri}`] : []),
    ...(view.description ? ['', view.description] : []),
  ].join('\n');
}

/**
 * E-1..E-4: METHOD:REQUEST for an invitation or update, METHOD:CANCEL for a cancellation; the
 * SEQUENCE is the room's schedule version. `stamp` is the notification's creation time, so that
 * a retried send carries the same bytes.
 */
export function calendarFor(kind: CalendarKind, facts: EmailFacts, recipient: CalendarRecipient, stamp: Date): string {
  const cancelled = kind === 'cancellation';
  const calendar = ical({
    prodId: { company: 'conference-bridge', product: 'rooms', language: facts.language.toUpperCase() },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: calendarUid(facts.room.id),
    sequence: facts.room.version,
    stamp,
    start: new Date(facts.window.opensAt),
    end: new Date(facts.window.closesAt),
    summary: facts.room.name,
    description: dialInstructions(facts),
    location: facts.portalNumbers.join(', '),
    organizer: { name: facts.organizer.name, email: facts.organizer.email },
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    attendees: recipient.isOrganizer
      ? []
      : [
          {
            name: recipient.name,
            email: recipient.email,
            role: ICalAttendeeRole.REQ,
            status: ICalAttendeeStatus.NEEDSACTION,
            rsvp: !cancelled,
          },
        ],
  });
  return calendar.toString();
}
