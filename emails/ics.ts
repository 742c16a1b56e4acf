import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { EmailFacts } from './facts';
import { emailView } from './view';

/** `download` is the file a user saves from the room page: no attendee, nothing to answer. */
export type CalendarKind = 'invitation' | 'update' | 'cancellation' | 'download';

export interface CalendarRecipient {
  name: string;
  email: string;
  /** The organizer's copy names no attendee: the organizer is not invited to their own room. */
  isOrganizer: boolean;
}

const METHODS: Record<CalendarKind, ICalCalendarMethod> = {
  invitation: ICalCalendarMethod.REQUEST,
  update: ICalCalendarMethod.REQUEST,
  cancellation: ICalCalendarMethod.CANCEL,
  download: ICalCalendarMethod.PUBLISH,
};

/** One event per room for ever, so calendars update or remove the event they already hold (E-3, E-4). */
export function calendarUid(roomId: string): string {
  return `room-${roomId}@conference-bridge`;
}

/**
 * A CN is a quoted parameter: a `"` would close it and let a name choose the address calendars
 * read (RFC 5545 has no escape for it), a line break would start a property of its own, and a `;`
 * is legal inside the quotes but splits the parameter in parsers that ignore them.
 */
export function calendarName(name: string): string {
  return name.replace(/"/g, "'").replace(/;/g, ',').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function dialInstructions(facts: EmailFacts): string {
  const view = emailView(facts);
  const { label } = view.words;
  return [
    `${label.window}${label.separator}${view.windowRange}`,
    `${label.portalNumbers}${label.separator}${view.portalNumbers.join(', ')}`,
    `${label.roomNumber}${label.separator}${view.roomNumber}`,
    ...(view.pin ? [`${label.pin}${label.separator}${view.pin}`] : []),
    view.words.howToJoin(Boolean(view.pin)),
    view.words.extensionHint,
    ...(view.oneTap ? [`${view.words.oneTap}${label.separator}${view.oneTap.text}`] : []),
    ...(view.description ? ['', view.description] : []),
  ].join('\n');
}

/** The zone's VTIMEZONE, as Outlook and Google write it; null for a zone the library does not know. */
function vtimezoneOf(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) ? block[0] : null;
}

/**
 * E-1..E-4: the event starts at the meeting start (not the window opening) in the tenant's zone,
 * `DTSTART;TZID=<zone>` with its VTIMEZONE, and ends when the window closes; the join window is in
 * the description. METHOD:REQUEST for an invitation or update, CANCEL for a cancellation, PUBLISH
 * for the download. SEQUENCE is the room's version, which rises with every printed fact that
 * changes and once more for the cancellation. `stamp` is the notification's creation time, so
 * that a retried send carries the same bytes.
 */
export function calendarFor(kind: CalendarKind, facts: EmailFacts, recipient: CalendarRecipient | null, stamp: Date): string {
  const cancelled = kind === 'cancellation';
  const vtimezone = vtimezoneOf(facts.timezone);
  const inZone = (iso: string) => DateTime.fromISO(iso, { zone: vtimezone ? facts.timezone : 'utc' });
  const calendar = ical({
    prodId: { company: 'conference-bridge', product: 'rooms', language: facts.language.toUpperCase() },
    method: METHODS[kind],
  });
  const attendee = recipient && !recipient.isOrganizer ? recipient : null;
  calendar.createEvent({
    id: calendarUid(facts.room.id),
    sequence: facts.room.version,
    stamp,
    start: inZone(facts.room.startsAt),
    end: inZone(facts.window.closesAt),
    // Only the event's dates carry the zone: ical-generator would also write DTSTAMP in a calendar-wide zone, which must be UTC.
    timezone: vtimezone ? facts.timezone : null,
    summary: facts.room.name,
    description: dialInstructions(facts),
    location: facts.portalNumbers.join(', '),
    organizer: { name: calendarName(facts.organizer.name), email: facts.organizer.email },
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    attendees: attendee
      ? [
          {
            name: calendarName(attendee.name),
            email: attendee.email,
            role: ICalAttendeeRole.REQ,
            status: ICalAttendeeStatus.NEEDSACTION,
            rsvp: !cancelled,
          },
        ]
      : [],
  });
  const text = calendar.toString();
  return vtimezone ? text.replace('BEGIN:VEVENT', `${vtimezone}\r\nBEGIN:VEVENT`) : text;
}
