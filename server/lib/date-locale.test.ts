import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '@/server/rooms/rules/localtime';
import { dateLocale } from './date-locale';

/** Issue 12.8: an English page on a Paris tenant wrote US dates (4/14/2027). */
describe('the locale dates are written in (R-3, Q-1)', () => {
  const start = new Date('2027-04-14T08:00:00Z'); // 10:00 in Paris

  it('is en-GB for English on a European tenant: day first, 24-hour clock', () => {
    expect(dateLocale('en', 'Europe/Paris')).toBe('en-GB');
    expect(formatLocalDateTime(start, 'Europe/Paris', dateLocale('en', 'Europe/Paris'))).toBe('14/04/2027, 10:00');
  });

  it('is en-US for English on a tenant in the Americas', () => {
    expect(dateLocale('en', 'America/New_York')).toBe('en-US');
    expect(formatLocalDateTime(start, 'America/New_York', 'en-US')).toBe('4/14/2027, 4:00 AM');
  });

  it("follows the browser when it names an English variant, by the header's quality order", () => {
    expect(dateLocale('en', 'Europe/Paris', 'en-US,en;q=0.9')).toBe('en-US');
    expect(dateLocale('en', 'America/Chicago', 'fr-FR;q=1, en-gb;q=0.8, en-US;q=0.5')).toBe('en-GB');
    // A bare "en" says nothing about the style: the zone decides.
    expect(dateLocale('en', 'Europe/Paris', 'fr-FR,en;q=0.5')).toBe('en-GB');
    expect(dateLocale('en', 'Europe/Paris', 'en-US;q=0')).toBe('en-GB');
  });

  it('keeps French as French, DD.MM.YYYY', () => {
    expect(dateLocale('fr', 'America/Montreal', 'en-US')).toBe('fr');
    expect(formatLocalDateTime(start, 'Europe/Paris', 'fr')).toBe('14.04.2027 10:00');
  });
});
