import { DateTime } from 'luxon';

/** The month a history page shows: `?month=YYYY-MM` when it is one, else the current month in the tenant's zone. */
export function pageMonth(value: string | string[] | undefined, zone: string, now: Date): string {
  if (typeof value === 'string' && /^(19[7-9]\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/.test(value)) return value;
  return DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM');
}

export function shiftMonth(month: string, by: number): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'utc' }).plus({ months: by }).toFormat('yyyy-MM');
}

/** "avril 2026", "April 2026". */
export function monthName(month: string, language: string): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'utc' }).setLocale(language).toFormat('LLLL yyyy');
}
