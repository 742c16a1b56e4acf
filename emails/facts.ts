import type { Language } from '@/server/db/schema/tenants';

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
    version: number;
  };
  window: { opensAt: string; closesAt: string };
  organizer: { name: string; email: string };
  portalNumbers: string[];
}

export type EmailKind = 'invitation' | 'reminder-30' | 'reminder-15' | 'update' | 'cancellation';

/** Members get the email itself; the organizer gets a copy saying so (M-3). */
export type Audience = 'member' | 'organizer';
