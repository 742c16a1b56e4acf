import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '@/server/db/schema/notifications';

/** Issue 12.8: the outbox page showed `reminder-30` and `cancellation` as they are stored. */
describe('outbox kinds', () => {
  const kinds = (locale: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, locale, 'outbox.json'), 'utf8')).kinds as Record<string, string>;

  it.each(['fr', 'en'])('every kind of room email has a %s label', (locale) => {
    for (const kind of NOTIFICATION_KINDS) expect(kinds(locale)[kind], kind).toMatch(/\S/);
  });

  it('are French in French, never the stored name', () => {
    const french = kinds('fr');
    expect(french).toMatchObject({ 'reminder-30': 'Rappel (30 min)', 'reminder-15': 'Rappel (15 min)', update: 'Modification', cancellation: 'Annulation' });
    // "Invitation" is the same word in both languages; every other kind must read differently from its code.
    for (const kind of NOTIFICATION_KINDS.filter((k) => k !== 'invitation')) expect(french[kind].toLowerCase(), kind).not.toBe(kind);
  });
});
