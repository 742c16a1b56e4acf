import { getLocale, getTranslations } from 'next-intl/server';
import { roomGuessingLock } from '@/server/admission/room-entry';
import { systemClock } from '@/server/lib/clock';
import { formatLocalTime } from '@/server/rooms/rules/localtime';

/** D-5: while PIN guessing spread over many callers keeps the room locked, its page says so. */
export async function GuessingAlert({ tenantId, roomId, timezone }: { tenantId: string; roomId: string; timezone: string }) {
  const lockedUntil = await roomGuessingLock(tenantId, roomId, systemClock());
  if (!lockedUntil) return null;
  const [t, locale] = await Promise.all([getTranslations('guessing'), getLocale()]);
  return (
    <div role="alert" className="rounded border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p className="font-semibold">{t('title')}</p>
      <p className="mt-1">{t('body', { until: formatLocalTime(lockedUntil, timezone, locale) })}</p>
    </div>
  );
}
