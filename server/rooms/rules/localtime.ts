import { DateTime, IANAZone } from 'luxon';

/** a wall-clock time typed in the tenant's zone becomes one instant, or a refusal. */
export type LocalTimeResult =
  | { ok: true; instant: Date; ambiguous: boolean }
  | { ok: false; reason: 'invalid' | 'gap' };

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * `local` is `YYYY-MM-DDTHH:mm` (what an <input type="datetime-local"> sends).
 * A time skipped by spring-forward is refused; one repeated by fall-back takes its first occurrence.
 */
export function localToInstant(local: string, zone: string): LocalTimeResult {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return { ok: false, reason: 'invalid' };
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (hour > 23 || minute > 59) return { ok: false, reason: 'invalid' };
  const fields = { year, month, day, hour, minute };
  const probe = DateTime.fromObject(fields, { zone });
  if (!probe.isValid) return { ok: false, reason: 'invalid' };

  // Every offset the zone uses around that day; a candidate is real when it reads back the same wall time.
  const offsets = new Set([probe.minus({ days: 1 }).offset, probe.offset, probe.plus({ days: 1 }).offset]);
  const naiveUtc = Date.UTC(year, month - 1, day, hour, minute);
  const candidates = [...offsets]
    .map((offset) => naiveUtc - offset * 60_000)
    .filter((ms) => {
      const back = DateTime.fromMillis(ms, { zone });
      return back.year === year && back.month === month && back.day === day && back.hour === hour && back.minute === minute;
    })
    .sort((a, b) => a - b);
  if (candidates.length === 0) return { ok: false, reason: 'gap' };
  return { ok: true, instant: new Date(candidates[0]), ambiguous: candidates.length > 1 };
}

/** The value an <input type="datetime-local"> shows for an instant in the tenant's zone. */
export function instantToLocalInput(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** R-3 display: `DD.MM.YYYY hh:mm` in French, the locale's own short date and time elsewhere. */
export function formatLocalDateTime(instant: Date, zone: string, locale: string): string {
  const dt = DateTime.fromJSDate(instant, { zone }).setLocale(locale);
  if (locale.startsWith('fr')) return dt.toFormat('dd.MM.yyyy HH:mm');
  return dt.toLocaleString({ ...DateTime.DATE_SHORT, ...DateTime.TIME_SIMPLE });
}

export function formatLocalTime(instant: Date, zone: string, locale: string): string {
  const dt = DateTime.fromJSDate(instant, { zone }).setLocale(locale);
  return locale.startsWith('fr') ? dt.toFormat('HH:mm') : dt.toLocaleString(DateTime.TIME_SIMPLE);
}
