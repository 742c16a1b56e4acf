import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/app/_ui/status-badge';
import { buttonClass, cardClass, linkClass } from '@/app/_ui/styles';
import { roomTimes } from '@/app/lib/room-time';
import { requireActor } from '@/app/lib/session';
import { systemClock } from '@/server/lib/clock';
import { ROOM_LIST_FILTERS } from '@/server/rooms/schemas';
import { listRooms } from '@/server/rooms/service';
import { getTenantSettings } from '@/server/tenants/service';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('rooms'))('title') };
}

type Filter = (typeof ROOM_LIST_FILTERS)[number];

export default async function RoomsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const params = await searchParams;
  // Unknown filters and cursors fall back to the first page of everything rather than an error.
  const filter: Filter = ROOM_LIST_FILTERS.includes(params.filter as Filter) ? (params.filter as Filter) : 'upcoming';
  const cursor = typeof params.cursor === 'string' && /^\d{1,9}$/.test(params.cursor) ? params.cursor : undefined;
  const [t, locale, tenant, page] = await Promise.all([
    getTranslations('rooms'),
    getLocale(),
    getTenantSettings(actor),
    listRooms(actor, { filter, cursor, limit: 50 }, systemClock()),
  ]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="text-sm text-slate-600">{t('zoneNote', { zone: tenant.timezone })}</p>
        </div>
        <Link href="/rooms/new" className={buttonClass}>
          {t('new')}
        </Link>
      </div>

      <nav aria-label={t('filters.label')} className="flex gap-2">
        {(['upcoming', 'expired', 'all'] as const).map((f) => (
          <Link
            key={f}
            href={`/rooms?filter=${f}`}
            aria-current={f === filter ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
              f === filter ? 'bg-indigo-700 text-white ring-indigo-700' : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-100'
            }`}
          >
            {t(`filters.${f}`)}
          </Link>
        ))}
      </nav>

      {page.items.length === 0 ? (
        <p className={`${cardClass} px-6 py-10 text-center text-slate-600`}>{t(`empty.${filter}`)}</p>
      ) : (
        <div className={`${cardClass} overflow-x-auto`}>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t(`filters.${filter}`)}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3">{t('columns.roomNumber')}</th>
                <th scope="col" className="px-4 py-3">{t('columns.name')}</th>
                <th scope="col" className="px-4 py-3">{t('columns.start')}</th>
                <th scope="col" className="px-4 py-3">{t('columns.window')}</th>
                <th scope="col" className="px-4 py-3">{t('organizer')}</th>
                <th scope="col" className="px-4 py-3">{t('columns.status')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((room) => {
                const times = roomTimes(room, tenant.timezone, locale);
                return (
                  <tr key={room.id} data-room-number={room.roomNumber} className="hover:bg-slate-50">
                    <td className="whitespace-nowrap px-4 py-3 font-mono">{room.roomNumber}</td>
                    <td className="px-4 py-3">
                      <Link href={`/rooms/${room.id}`} className={linkClass}>
                        {room.name}
                      </Link>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3" data-cell="start">{times.start}</td>
                    <td className="whitespace-nowrap px-4 py-3">{times.window}</td>
                    <td className="px-4 py-3">{room.organizer.name}</td>
                    <td className="px-4 py-3">
                      <StatusBadge status={room.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {page.nextCursor && (
        <Link href={`/rooms?filter=${filter}&cursor=${page.nextCursor}`} className={linkClass}>
          {t('more')}
        </Link>
      )}
    </div>
  );
}
