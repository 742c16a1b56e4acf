import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localIsoFormatter } from './csv';

describe('CSV times: ISO 8601 in the tenant zone with its offset (H-3)', () => {
  it.each(['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'])('agrees with luxon minute by minute across the DST changes of 2026 in %s', (zone) => {
    const format = localIsoFormatter(zone);
    const year = DateTime.fromISO('2026-01-01T00:00:00Z', { zone });
    const changes = [year.set({ month: 3 }), year.set({ month: 4 }), year.set({ month: 10 }), year.set({ month: 11 })];
    for (const start of changes)
      for (let minute = 0; minute < 31 * 24 * 60; minute += 7) {
        const at = start.plus({ minutes: minute, seconds: 13 }).toJSDate();
        // Luxon writes UTC as `Z`; the CSV keeps one shape, `+00:00`.
        expect(format(at)).toBe(DateTime.fromJSDate(at, { zone }).toISO({ suppressMilliseconds: true })!.replace(/Z$/, '+00:00'));
      }
  });

  it('writes nothing for a missing instant', () => {
    expect(localIsoFormatter('Europe/Paris')(null)).toBe('');
  });
});
