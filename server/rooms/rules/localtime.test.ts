import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, instantToLocalInput, localToInstant } from './localtime';

const PARIS = 'Europe/Paris';

describe('R-3 local time in the tenant zone → instant', () => {
  it('winter time is UTC+1', () => {
    expect(localToInstant('2026-12-01T09:30', PARIS)).toEqual({ ok: true, instant: new Date('2026-12-01T08:30:00Z'), ambiguous: false });
  });

  it('summer time is UTC+2', () => {
    expect(localToInstant('2027-07-14T09:30', PARIS)).toEqual({ ok: true, instant: new Date('2027-07-14T07:30:00Z'), ambiguous: false });
  });

  it.each(['2027-03-28T02:00', '2027-03-28T02:30', '2027-03-28T02:59'])('refuses %s, inside the spring-forward gap', (local) => {
    expect(localToInstant(local, PARIS)).toEqual({ ok: false, reason: 'gap' });
  });

  it('accepts the minutes either side of the gap', () => {
    expect(localToInstant('2027-03-28T01:59', PARIS)).toMatchObject({ ok: true, instant: new Date('2027-03-28T00:59:00Z') });
    expect(localToInstant('2027-03-28T03:00', PARIS)).toMatchObject({ ok: true, instant: new Date('2027-03-28T01:00:00Z') });
  });

  it('takes the first occurrence of a fall-back time and says it was ambiguous', () => {
    expect(localToInstant('2026-10-25T02:30', PARIS)).toEqual({ ok: true, instant: new Date('2026-10-25T00:30:00Z'), ambiguous: true });
    expect(localToInstant('2026-10-25T03:00', PARIS)).toEqual({ ok: true, instant: new Date('2026-10-25T02:00:00Z'), ambiguous: false });
  });

  it('works for other zones (New York gap and overlap)', () => {
    expect(localToInstant('2027-03-14T02:30', 'America/New_York')).toEqual({ ok: false, reason: 'gap' });
    expect(localToInstant('2026-11-01T01:30', 'America/New_York')).toEqual({ ok: true, instant: new Date('2026-11-01T05:30:00Z'), ambiguous: true });
  });

  it.each(['', '2026-13-01T09:00', '2026-02-30T09:00', '2026-12-01 09:00', '2026-12-01T24:00', 'tomorrow'])('refuses %j as invalid', (local) => {
    expect(localToInstant(local, PARIS)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an unknown zone as invalid', () => {
    expect(localToInstant('2026-12-01T09:00', 'Mars/Olympus')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('R-3 display', () => {
  const instant = new Date('2026-12-01T08:30:00Z');
  it('French shows DD.MM.YYYY hh:mm in the tenant zone', () => {
    expect(formatLocalDateTime(instant, PARIS, 'fr')).toBe('01.12.2026 09:30');
  });
  it('English uses the locale format in the tenant zone', () => {
    expect(formatLocalDateTime(instant, PARIS, 'en')).toMatch(/12\/1\/2026,? 9:30\s?AM/);
  });
  it('round-trips through the form value', () => {
    expect(instantToLocalInput(instant, PARIS)).toBe('2026-12-01T09:30');
  });
});
