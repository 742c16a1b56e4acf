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

  it('shows the one-tap sequence as people read it: the tel: address stays in the link, never as text', async () => {
    const email = await renderEmail('invitation', facts(), 'member');
    expect(email.html).toContain('>+33123456789,,4711#,,123456#</a>');
    expect(email.text).toContain('Appel en un geste depuis un mobile : +33123456789,,4711#,,123456#');
    expect(email.text).not.toContain('%23');
    expect(email.text).not.toContain('tel:');
  });

  it('writes English dates day-first for a tenant in Europe, month-first in the Americas (R-3)', async () => {
    const paris = await renderEmail('invitation', facts({ language: 'en' }), 'member');
    expect(paris.subject).toBe('Invitation: Comité budget — 01/12/2026, 14:00 (Europe/Paris)');
    const newYork = await renderEmail('invitation', facts({ language: 'en', timezone: 'America/New_York' }), 'member');
    expect(newYork.subject).toBe('Invitation: Comité budget — 12/1/2026, 8:00 AM (America/New_York)');
  });

  it('keeps the subject on one line whatever the room name holds (E-5)', async () => {
    const email = await renderEmail('invitation', facts({ room: { ...facts().room, name: 'Budget\r\nBcc: victim@example.test' } }), 'member');
    expect(email.subject).toBe('Invitation : Budget Bcc: victim@example.test — 01.12.2026 14:00 (Europe/Paris)');
  });

  it('writes English for an English tenant, and English for languages not yet translated', async () => {
    const en = await renderEmail('invitation', facts({ language: 'en' }), 'member');
    expect(en.subject).toMatch(/^Invitation: Comité budget — /);
    expect(en.text).toContain('From a company extension, simply dial *72.');
    const de = await renderEmail('invitation', facts({ language: 'de' }), 'member');
    expect(de.text).toContain('invites you to a conference call');
  });

  it('marks the organizer copy and speaks of their own conference, not of an invitation from themselves (M-3)', async () => {
    const copy = await renderEmail('invitation', facts(), 'organizer');
    expect(copy.subject).toMatch(/^\[Copie\] Invitation/);
    expect(copy.text).toContain('Copie de ce que reçoivent les participants.');
    expect(copy.text).toContain("Voici l'invitation à votre conférence téléphonique.");
    expect(copy.text).not.toContain('vous invite');
    const en = await renderEmail('reminder-30', facts({ language: 'en' }), 'organizer');
    expect(en.text).toContain('Your conference “Comité budget” starts in 30 minutes.');
    const cancelled = await renderEmail('cancellation', facts(), 'organizer');
    expect(cancelled.text).toContain('Vous avez annulé votre conférence « Comité budget »');
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

  it('says in the update what changed, old → new, then every fact as it now is (E-3)', async () => {
    const changed = facts({
      changes: [
        { fact: 'startsAt', before: '2026-12-01T09:00:00.000Z', after: '2026-12-01T13:00:00.000Z' },
        { fact: 'pin', before: '999999', after: '123456' },
        { fact: 'description', before: null, after: 'Budget 2027' },
      ],
    });
    const update = await renderEmail('update', changed, 'member');
    expect(update.subject).toBe('Modifiée : Comité budget — 01.12.2026 14:00 (Europe/Paris)');
    expect(update.text).toContain('Alice Martin a modifié la conférence.');
    expect(update.text).toContain('Ce qui change');
    expect(update.text).toContain('Date : 01.12.2026 10:00 (Europe/Paris) → 01.12.2026 14:00 (Europe/Paris)');
    expect(update.text).toContain('Code PIN : 999999 → 123456');
    expect(update.text).toContain('Description : aucun → Budget 2027');
    expect(update.text).toContain('Numéro de salle : 4711');
    const own = await renderEmail('update', facts({ language: 'en', changes: [{ fact: 'roomNumber', before: '4700', after: '4711' }] }), 'organizer');
    expect(own.text).toContain('You changed your conference.');
    expect(own.text).toContain('Room number: 4700 → 4711');
  });

  it('announces a cancellation', async () => {
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
    expect(new Date(event.start).toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(event.start.tz).toBe('Europe/Paris');
    expect(new Date(event.end!).toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(event.description).toContain('Accès : de 13:55 à 15:00');
    expect(event.summary).toBe('Comité budget');
    expect(event.location).toBe('+33123456789, +33987654321');
    expect(event.description).toContain('4711');
    expect(event.description).toContain('*72');
    expect((event.organizer as unknown as { val: string }).val).toBe('mailto:alice@acme.test');
    expect((event.attendee as unknown as { val: string }).val.toLowerCase()).toBe('mailto:bob@example.test');
    expect(event.status).toBe(kind === 'cancellation' ? 'CANCELLED' : 'CONFIRMED');
  });

  it('starts at the meeting start in the tenant zone, TZID with its VTIMEZONE, as Outlook and Google write it (E-1)', () => {
    const ics = calendarFor('invitation', facts(), bob, stamp);
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20261201T140000');
    expect(ics).toContain('DTEND;TZID=Europe/Paris:20261201T150000');
    expect(ics).toContain('DTSTAMP:20261120T080000Z');
    const zone = Object.values(ical.sync.parseICS(ics)).find((c) => c?.type === 'VTIMEZONE') as unknown as { tzid: string };
    expect(zone.tzid).toBe('Europe/Paris');
  });

  it.each([
    ['the Sunday the clocks go forward', '2026-03-29T08:00:00.000Z', '20260329T100000', '2026-03-29T07:55:00.000Z'],
    ['the Monday after it', '2026-03-30T08:00:00.000Z', '20260330T100000', '2026-03-30T07:55:00.000Z'],
    ['the Friday before the clocks go back', '2026-10-23T08:00:00.000Z', '20261023T100000', '2026-10-23T07:55:00.000Z'],
    ['the Sunday the clocks go back', '2026-10-25T09:00:00.000Z', '20261025T100000', '2026-10-25T08:55:00.000Z'],
  ])('reads back 10:00 Paris time on %s (DST week)', (_day, startsAt, local, opensAt) => {
    const closesAt = new Date(new Date(startsAt).getTime() + 60 * 60_000).toISOString();
    const dst = facts({ room: { ...facts().room, startsAt }, window: { opensAt, closesAt } });
    const ics = calendarFor('invitation', dst, bob, stamp);
    expect(ics).toContain(`DTSTART;TZID=Europe/Paris:${local}`);
    const { event } = parseEvent(ics);
    expect(new Date(event.start).toISOString()).toBe(startsAt);
    expect(new Date(event.end!).toISOString()).toBe(closesAt);
  });

  it('keeps a quoted name from choosing the ORGANIZER or ATTENDEE address (issue 13: email injection)', () => {
    const hostile = facts({ organizer: { name: 'Eve" <x>:mailto:evil@attacker.test', email: 'alice@acme.test' } });
    const attendee = { name: 'Bob";CN=x:mailto:evil@attacker.test', email: 'bob@example.test', isOrganizer: false };
    const { event } = parseEvent(calendarFor('invitation', hostile, attendee, stamp));
    const organizer = event.organizer as unknown as { val: string; params: { CN: string } };
    const guest = event.attendee as unknown as { val: string; params: { CN: string } };
    expect(organizer.val).toBe('mailto:alice@acme.test');
    expect(guest.val.toLowerCase()).toBe('mailto:bob@example.test');
    expect(organizer.params.CN).toBe("Eve' <x>:mailto:evil@attacker.test");
    expect(guest.params.CN).toBe("Bob',CN=x:mailto:evil@attacker.test");
  });

  it('offers the download as METHOD:PUBLISH with no attendee', () => {
    const parsed = parseEvent(calendarFor('download', facts(), null, stamp));
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.event.attendee).toBeUndefined();
    expect(parsed.event.sequence).toBe(3);
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
