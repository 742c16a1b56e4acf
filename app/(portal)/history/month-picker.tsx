import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { inputClass, labelClass, linkClass, secondaryButtonClass } from '@/app/_ui/styles';
import { monthName, shiftMonth } from './month';

/** A plain GET form: works without JavaScript, and the month is in the address to share or bookmark. */
export async function MonthPicker({ month, path }: { month: string; path: string }) {
  const [t, locale] = await Promise.all([getTranslations('history'), getLocale()]);
  const previous = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  return (
    <div className="flex flex-wrap items-end gap-3">
      <form method="get" action={path} className="flex items-end gap-2">
        <div>
          <label htmlFor="month" className={labelClass}>
            {t('monthLabel')}
          </label>
          <input id="month" name="month" type="month" defaultValue={month} required className={inputClass} />
        </div>
        <button type="submit" className={secondaryButtonClass}>
          {t('show')}
        </button>
      </form>
      <nav aria-label={t('monthLabel')} className="flex gap-4 pb-2 text-sm">
        <Link href={`${path}?month=${previous}`} className={linkClass}>
          ← {t('previous')} <span className="sr-only">({monthName(previous, locale)})</span>
        </Link>
        <Link href={`${path}?month=${next}`} className={linkClass}>
          {t('next')} <span className="sr-only">({monthName(next, locale)})</span> →
        </Link>
      </nav>
    </div>
  );
}
