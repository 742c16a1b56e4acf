import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { cardClass, linkClass } from '@/app/_ui/styles';
import type { LiveConference } from '@/server/live/view';

/** The running conferences, each leading to its live page: the live list page and the rooms page's "live now". */
export async function LiveList({ items, timeZone, locale, empty }: { items: LiveConference[]; timeZone: string; locale: string; empty?: string }) {
  const t = await getTranslations('live');
  if (items.length === 0) return empty ? <p className="text-sm text-slate-700">{empty}</p> : null;
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  return (
    <ul className="space-y-2" data-testid="live-list">
      {items.map((c) => {
        const name = c.roomName ? `${c.roomName} (${c.roomNumber ?? ''})` : t('adhocUnknown');
        return (
          <li key={c.id} className={`${cardClass} flex flex-wrap items-center justify-between gap-2 p-3`}>
            <span>
              <span className="mr-2 inline-block h-2.5 w-2.5 rounded-full bg-red-600" aria-hidden="true" />
              <span className="font-medium">{name}</span>
              <span className="text-sm text-slate-700">
                {' · '}
                {t('startedAt', { time: time.format(new Date(c.startedAt)) })} · {t('participantCount', { count: c.participants.length })}
              </span>
            </span>
            <Link href={`/live/${c.id}`} className={linkClass} aria-label={t('openOf', { room: name })}>
              {t('open')}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
