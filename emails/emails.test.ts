import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import type { EmailFacts } from './facts';
import { calendarFor, calendarUid, type CalendarKind } from './ics';
import { renderEmail } from './render';

const facts = (over: Partial<EmailFacts> = {}): EmailFacts => ({
  tenantName: 'Acme',
  language: 'fr',
  timezone: 'Europe/Paris',
  room: {
    id: '0b9a3c52-7d0e-4a53-9d6e-1f2a3b4c5d6e',
    name: 'Comité budget',
    roomNumber: '4711',
    pin: '123456',
    description: 'Budget 2027',
    startsAt: '2026-12-01T13:00:00.000Z',
    durationMinutes: 60,
    version: 3,
  },
  window: { opensAt: '2026-12-01T12:55:00.000Z', closesAt: '2026-12-01T14:00:00.000Z' },
  organizer: { name: 'Alice Martin', email: 'alice@acme.test' },
  portalNumbers: ['+33123456789', '+33987654321'],
  ...over,
});

const bob = { name: 'Bob', email: 'bob@example.test', isOrganizer: false };
const stamp = new Date('2026-11-20T08:00:00Z');

function parseEvent(ics: string): { event: VEvent; method: string } {
  const parsed = ical.sync.parseICS(ics);
  const event = Object.values(parsed).find((c) => c?.type === 'VEVENT') as VEvent;
  return { event, method: String((parsed.vcalendar as { method?: string }).method) };
}

describe('email templates (E-1, E-2, E-5)', () => {
  it('writes the invitation in French with every fact, the *72 hint and the one-tap link', async () => {
    const email = await renderEmail('invitation', facts(), 'member');
    expect(email.subject).toBe('Invitation : Comité budget — 01.12.2026 14:00 (Europe/Paris)');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Alice Martin vous invite');
      expect(part).toContain('+33123456789');
      expect(part).toContain('+33987654321');
      expect(part).toContain('4711');
      expect(part).toContain('123456');
      expect(part).toContain('Budget 2027');
      expect(part).toContain('*72');
      expect(part).toContain('de 13:55 à 15:00');
    }
    expect(email.html).toContain('href="tel:+33123456789,,4711%23,,123456%23"');
    expect(email.html).toContain('lang="fr"');
  });

  it('writes English for an English tenant, and English for languages not yet translated', async () => {
    const en = await renderEmail('invitation', facts({ language: 'en' }), 'member');
    expect(en.subject).toMatch(/^Invitation: Comité budget — /);
    expect(en.text).toContain('From a company extension, simply dial *72.');
    const de = await renderEmail('invitation', facts({ language: 'de' }), 'member');
    expect(de.text).toContain('invites you to a conference call');
  });

  it('marks the organizer copy (M-3)', async () => {
    const copy = await renderEmail('invitation', facts(), 'organizer');
    expect(copy.subject).toMatch(/^\[Copie\] Invitation/);
    expect(copy.text).toContain('Copie de ce que reçoivent les participants.');
  });

  it('keeps reminders short and says how long until the start', async () => {
    const r30 = await renderEmail('reminder-30', facts({ language: 'en' }), 'member');
    expect(r30.subject).toBe('Reminder: Comité budget starts in 30 minutes');
    expect(r30.text).toContain('4711');
    expect(r30.text).not.toContain('Budget 2027');
    const r15 = await renderEmail('reminder-15', facts(), 'member');
    expect(r15.subject).toBe('Rappel : Comité budget commence dans 15 minutes');
  });

  it('leaves the PIN out of the dial link and instructions when the room has none', async () => {
    const noPin = facts({ room: { ...facts().room, pin: null } });
    const email = await renderEmail('invitation', noPin, 'member');
    expect(email.html).toContain('href="tel:+33123456789,,4711%23"');
    expect(email.text).not.toContain('code PIN');
  });

  it('announces an update and a cancellation', async () => {
    expect((await renderEmail('update', facts(), 'member')).text).toContain("a changé l'horaire");
    const cancelled = await renderEmail('cancellation', facts({ language: 'en' }), 'member');
    expect(cancelled.subject).toMatch(/^Cancelled: Comité budget/);
    expect(cancelled.text).toContain('Alice Martin cancelled the conference');
  });
});

describe('calendar attachment (E-1, E-3, E-4)', () => {
  it.each<[CalendarKind, string]>([
    ['invitation', 'REQUEST'],
    ['update', 'REQUEST'],
    ['cancellation', 'CANCEL'],
  ])('%s parses back with METHOD:%s, the room UID and SEQUENCE = schedule version', (kind, method) => {
    const parsed = parseEvent(calendarFor(kind, facts(), bob, stamp));
    expect(parsed.method).toBe(method);
    const { event } = parsed;
    expect(event.uid).toBe(calendarUid(facts().room.id));
    expect(event.sequence).toBe(3);
    expect(new Date(event.start).toISOString()).toBe('2026-12-01T12:55:00.000Z');
    expect(new Date(event.end!).toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(event.summary).toBe('Comité budget');
    expect(event.location).toBe('+33123456789, +33987654321');
    expect(event.description).toContain('4711');
    expect(event.description).toContain('*72');
    expect((event.organizer as unknown as { val: string }).val).toBe('mailto:alice@acme.test');
    expect((event.attendee as unknown as { val: string }).val.toLowerCase()).toBe('mailto:bob@example.test');
    expect(event.status).toBe(kind === 'cancellation' ? 'CANCELLED' : 'CONFIRMED');
  });

  it('keeps the UID and raises SEQUENCE after a reschedule', () => {
    const before = parseEvent(calendarFor('invitation', facts(), bob, stamp)).event;
    const moved = facts({ room: { ...facts().room, version: 4 } });
    const after = parseEvent(calendarFor('update', moved, bob, stamp)).event;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(Number(before.sequence));
  });

  it('is the same bytes when built again, so a retried send is identical', () => {
    expect(calendarFor('invitation', facts(), bob, stamp)).toBe(calendarFor('invitation', facts(), bob, stamp));
  });

  it('names no attendee in the organizer copy', () => {
    const { event } = parseEvent(calendarFor('invitation', facts(), { ...bob, isOrganizer: true }, stamp));
    expect(event.attendee).toBeUndefined();
  });
});
