import type { Language } from '@/server/db/schema/tenants';

/** The facts printed in the invitation whose change sends an update (E-3). */
export const PRINTED_FACTS = ['startsAt', 'durationMinutes', 'roomNumber', 'pin', 'name', 'description'] as const;
export type PrintedFact = (typeof PRINTED_FACTS)[number];

/** One printed fact as it was and as it is; instants as ISO strings, a missing PIN or description as null. */
export interface FactChange {
  fact: PrintedFact;
  before: string | number | null;
  after: string | number | null;
}

/**
 * Everything an email about a room says, frozen when the notification is created: a retried
 * send renders the same bytes, and a cancellation can be rendered after the room is deleted.
 * Instants are ISO strings because the facts live in a jsonb column.
 */
export interface EmailFacts {
  tenantName: string;
  language: Language;
  timezone: string;
  room: {
    id: string;
    name: string;
    roomNumber: string;
    pin: string | null;
    description: string | null;
    startsAt: string;
    durationMinutes: number;
    /** The calendar SEQUENCE: raised on every change of a printed fact, and for the cancellation (E-3, E-4). */
    version: number;
  };
  window: { opensAt: string; closesAt: string };
  organizer: { name: string; email: string };
  portalNumbers: string[];
  /** On an update: what changed since the version the recipients hold (E-3). */
  changes?: FactChange[];
}

export type EmailKind = 'invitation' | 'reminder-30' | 'reminder-15' | 'update' | 'cancellation';

/** Members get the email itself; the organizer gets a copy saying so (M-3). */
export type Audience = 'member' | 'organizer';
