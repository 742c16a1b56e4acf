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

  it('are French in French', () => {
    expect(NOTIFICATION_KINDS.map((kind) => kinds('fr')[kind])).toEqual(['Invitation', 'Rappel (30 min)', 'Rappel (15 min)', 'Modification', 'Annulation']);
  });
});
