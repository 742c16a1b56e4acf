import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { FocusHashTarget } from '@/app/_ui/focus-hash-target';
import { FocusedNotice } from '@/app/_ui/focused-notice';
import { StatusBadge } from '@/app/_ui/status-badge';
import { buttonClass, cardClass, inputClass, labelClass, linkClass, secondaryButtonClass } from '@/app/_ui/styles';
import { getDateLocale } from '@/app/lib/i18n/date-locale';
import { roomTimes } from '@/app/lib/room-time';
import { requireActor } from '@/app/lib/session';
import type { Actor } from '@/server/auth/actor';
import { systemClock } from '@/server/lib/clock';
import { ValidationError } from '@/server/lib/errors';
import { ROOM_STATUSES } from '@/server/rooms/rules/window';
import { ROOM_LIST_FILTERS } from '@/server/rooms/schemas';
import { listRooms } from '@/server/rooms/service';
import { getTenantSettings } from '@/server/tenants/service';
import { LiveList } from '@/app/_ui/live/live-list';
import { listLiveConferences } from '@/server/live/view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('rooms'))('title') };
}

type Filter = (typeof ROOM_LIST_FILTERS)[number];
const PAGE_SIZE = 50;
/** A list longer than this is a case for the search form, not for scrolling. */
const MAX_SHOWN = 2000;
/** The API's page limit (roomListQuerySchema). */
const QUERY_LIMIT = 200;

/** The first `shown` rooms of the list, read a page of at most QUERY_LIMIT at a time. */
async function roomsUpTo(actor: Actor, query: Parameters<typeof listRooms>[1], shown: number): Promise<Awaited<ReturnType<typeof listRooms>>> {
  const now = systemClock();
  const items: Awaited<ReturnType<typeof listRooms>>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await listRooms(actor, { ...query, cursor, limit: Math.min(QUERY_LIMIT, shown - items.length) }, now);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < shown);
  return { items, nextCursor: cursor ?? null };
}
const SEARCH_FIELDS = ['q', 'status', 'from', 'to'] as const;
type SearchField = (typeof SEARCH_FIELDS)[number];

/** The page's address with these parameters, empty ones left out. */
function hrefWith(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return `/rooms?${query.toString()}`;
}

export default async function RoomsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const params = await searchParams;
  // Unknown filters and cursors fall back to the first page of everything rather than an error.
  const filter: Filter = ROOM_LIST_FILTERS.includes(params.filter as Filter) ? (params.filter as Filter) : 'upcoming';
  // "Show more" adds the next 50 rows under those already shown (issue 12.7): the page is asked for
  // as many rows as are on screen, so a reload or a shared link shows the same list.
  const shown = typeof params.shown === 'string' && /^\d{1,5}$/.test(params.shown) ? Math.min(Math.max(PAGE_SIZE, Number(params.shown)), MAX_SHOWN) : PAGE_SIZE;
  const search = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, typeof params[f] === 'string' && params[f] ? (params[f] as string) : undefined])) as Record<SearchField, string | undefined>;
  const searching = SEARCH_FIELDS.some((f) => search[f]);
  const [t, tools, tenant] = await Promise.all([getTranslations('rooms'), getTranslations('roomTools'), getTenantSettings(actor)]);
  const tErrors = await getTranslations('errors');
  // L-1: the conferences running now, above the rooms.
  const [live, tLive, uiLocale] = await Promise.all([listLiveConferences(actor), getTranslations('live'), getLocale()]);
  const locale = await getDateLocale(tenant.timezone);

  // A bad search is said next to its field, and the list shows as without it.
  let fieldErrors: Partial<Record<SearchField, string>> = {};
  let page: Awaited<ReturnType<typeof listRooms>>;
  try {
    page = await roomsUpTo(actor, { filter, ...search } as Parameters<typeof listRooms>[1], shown);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    fieldErrors = Object.fromEntries(error.issues.map((i) => [i.field, i.code]));
    page = await roomsUpTo(actor, { filter }, shown);
  }
  const errorOf = (field: SearchField) => fieldErrors[field] && (tErrors.has(fieldErrors[field]!) ? tErrors(fieldErrors[field]!) : tErrors('field.invalid'));
  const described = (field: SearchField) => (fieldErrors[field] ? `search-${field}-error` : undefined);

  const tp = await getTranslations('portal');

  return (
    <div className="space-y-6">
      {params.deleted === '1' && (
        <FocusedNotice className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">{tp('roomDeleted')}</FocusedNotice>
      )}
      <FocusHashTarget key={shown} />
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="text-sm text-slate-600">{t('zoneNote', { zone: tenant.timezone })}</p>
        </div>
        <Link href="/rooms/new" className={buttonClass}>
          {t('new')}
        </Link>
      </div>

      {live.items.length > 0 && (
        <section aria-labelledby="live-now" className="space-y-2">
          <h2 id="live-now" className="text-lg font-semibold">
            {tLive('listTitle')}
          </h2>
          <LiveList items={live.items} timeZone={tenant.timezone} locale={uiLocale} />
        </section>
      )}

      <nav aria-label={t('filters.label')} className="flex flex-wrap gap-2">
        {(['upcoming', 'expired', 'all'] as const).map((f) => (
          <Link
            key={f}
            href={hrefWith({ filter: f, ...search })}
            aria-current={f === filter ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
              f === filter ? 'bg-indigo-700 text-white ring-indigo-700' : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-100'
            }`}
          >
            {t(`filters.${f}`)}
          </Link>
        ))}
      </nav>

      <form role="search" aria-label={tools('search.label')} action="/rooms" className={`${cardClass} grid gap-4 p-4 sm:grid-cols-2 lg:grid-cols-5`}>
        <input type="hidden" name="filter" value={filter} />
        <div className="lg:col-span-2">
          <label htmlFor="search-q" className={labelClass}>
            {tools('search.q')}
          </label>
          <input id="search-q" name="q" type="search" defaultValue={search.q} aria-invalid={fieldErrors.q ? true : undefined} aria-describedby={described('q')} className={inputClass} />
          {errorOf('q') && <p id="search-q-error" className="mt-1 text-sm font-medium text-red-800">{errorOf('q')}</p>}
        </div>
        <div>
          <label htmlFor="search-status" className={labelClass}>
            {tools('search.status')}
          </label>
          <select id="search-status" name="status" defaultValue={search.status ?? ''} aria-invalid={fieldErrors.status ? true : undefined} aria-describedby={described('status')} className={inputClass}>
            <option value="">{tools('search.anyStatus')}</option>
            {ROOM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
          {errorOf('status') && <p id="search-status-error" className="mt-1 text-sm font-medium text-red-800">{errorOf('status')}</p>}
        </div>
        {(['from', 'to'] as const).map((field) => (
          <div key={field}>
            <label htmlFor={`search-${field}`} className={labelClass}>
              {tools(`search.${field}`)}
            </label>
            <input
              id={`search-${field}`}
              name={field}
              type="date"
              min="1970-01-01"
              max="9999-12-31"
              defaultValue={search[field]}
              aria-invalid={fieldErrors[field] ? true : undefined}
              aria-describedby={described(field)}
              className={inputClass}
            />
            {errorOf(field) && <p id={`search-${field}-error`} className="mt-1 text-sm font-medium text-red-800">{errorOf(field)}</p>}
          </div>
        ))}
        <div className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-5">
          <button type="submit" className={buttonClass}>
            {tools('search.submit')}
          </button>
          {searching && (
            <Link href={hrefWith({ filter })} className={secondaryButtonClass}>
              {tools('search.clear')}
            </Link>
          )}
          {searching && (
            <p role="status" className="text-sm text-slate-700">
              {tools('search.results', { count: page.items.length })}
            </p>
          )}
        </div>
      </form>

      {page.items.length === 0 ? (
        <p className={`${cardClass} px-6 py-10 text-center text-slate-600`}>{searching ? tools('search.results', { count: 0 }) : t(`empty.${filter}`)}</p>
      ) : (
        <div className={`${cardClass} overflow-x-auto`}>
          <table className="stack-table min-w-full divide-y divide-slate-200 text-sm">
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
              {page.items.map((room, index) => {
                const times = roomTimes(room, tenant.timezone, locale);
                // The first row each "show more" added: where the link lands, instead of the top.
                const anchor = index > 0 && index % PAGE_SIZE === 0 ? { id: `rooms-from-${index}`, tabIndex: -1 } : {};
                return (
                  <tr key={room.id} {...anchor} data-room-number={room.roomNumber} className="hover:bg-slate-50">
                    <td data-label={t('columns.roomNumber')} className="whitespace-nowrap px-4 py-3 font-mono">{room.roomNumber}</td>
                    <td data-label={t('columns.name')} className="px-4 py-3">
                      <Link href={`/rooms/${room.id}`} className={linkClass}>
                        {room.name}
                      </Link>
                    </td>
                    <td data-label={t('columns.start')} className="whitespace-nowrap px-4 py-3" data-cell="start">{times.start}</td>
                    <td data-label={t('columns.window')} className="whitespace-nowrap px-4 py-3">{times.window}</td>
                    <td data-label={t('organizer')} className="px-4 py-3">{room.organizer.name}</td>
                    <td data-label={t('columns.status')} className="px-4 py-3">
                      <StatusBadge status={room.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {page.nextCursor && page.items.length < MAX_SHOWN && (
        <Link href={`${hrefWith({ filter, ...search, shown: String(page.items.length + PAGE_SIZE) })}#rooms-from-${page.items.length}`} className={linkClass}>
          {t('more')}
        </Link>
      )}
    </div>
  );
}
