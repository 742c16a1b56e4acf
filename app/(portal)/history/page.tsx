import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { cardClass, linkClass } from '@/app/_ui/styles';
import { getDateLocale } from '@/app/lib/i18n/date-locale';
import { requireActor } from '@/app/lib/session';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { createRecordingLink } from '@/server/recordings/access';
import type { RecordingView } from '@/server/recordings/schemas';
import { getConference, listConferences } from '@/server/conferences/queries';
import type { ConferenceSummaryView, ConferenceView } from '@/server/conferences/schemas';
import { formatDuration } from '@/server/history/words';
import { systemClock } from '@/server/lib/clock';
import { NotFoundError } from '@/server/lib/errors';
import { formatLocalDateTime, formatLocalTime } from '@/server/rooms/rules/localtime';
import { getTenantSettings } from '@/server/tenants/service';
import { ConfirmAction } from '@/app/_ui/confirm-action';
import { deleteRecording } from './actions';
import { MonthPicker } from './month-picker';
import { monthName, pageMonth } from './month';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('history'))('title') };
}

type Translate = Awaited<ReturnType<typeof getTranslations<'history'>>>;

/** A stored code (end reason, action, result) in the reader's words, or as stored when it is new to us. */
const worded = (t: Translate, group: 'endReasons' | 'actionNames' | 'results', code: string | null) =>
  code === null ? '' : t.has(`${group}.${code}` as never) ? t(`${group}.${code}` as never) : code;

function roomLabel(t: Translate, c: ConferenceSummaryView): string {
  if (c.kind === 'adhoc') return t('adhoc', { extension: c.organizerExtension ?? '?' });
  if (!c.room?.name) return t('deletedRoom', { roomNumber: c.room?.roomNumber ?? '?' });
  return `${c.room.name} (${c.room.roomNumber})`;
}

const th = 'px-3 py-2';
const td = 'px-3 py-2 align-top';

/** H-2: the month's conferences (tenant time zone), one expanded with its participants and its action log. */
export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const now = systemClock();
  const params = await searchParams;
  const tenant = await getTenantSettings(actor);
  const month = pageMonth(params.month, tenant.timezone, now);
  const openId = typeof params.conference === 'string' ? params.conference : null;
  const [t, language, locale, list, open] = await Promise.all([
    getTranslations('history'),
    getLocale(),
    getDateLocale(tenant.timezone),
    listConferences(actor, { month }, now),
    openId
      ? getConference(actor, openId, now).catch((error: unknown) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        })
      : null,
  ]);
  const when = (iso: string) => formatLocalDateTime(new Date(iso), tenant.timezone, locale);
  const recorded = open ? await recordingsWithLinks(actor, open, now) : [];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t(isAdmin(actor) ? 'intro' : 'introOwn', { zone: tenant.timezone })}</p>
      </div>

      <MonthPicker month={month} path="/history" />

      <section aria-labelledby="total" className={`${cardClass} space-y-1 p-4`}>
        <h2 id="total" className="text-lg font-semibold">
          {monthName(month, language)} — {t('total', { conferences: list.totals.conferences, minutes: list.totals.participantMinutes })}
        </h2>
        <p className="text-sm text-slate-600">{t('roundingNote')}</p>
        <p className="flex flex-wrap gap-x-4 text-sm">
          <span className="sr-only">{t('downloads.title')}:</span>
          <a href={`/history/export.csv?month=${month}`} className={linkClass} download>
            {t('downloads.csv')}
          </a>
          <a href={`/history/report.pdf?month=${month}`} className={linkClass} download>
            {t('downloads.monthPdf')}
          </a>
        </p>
      </section>

      {list.items.length === 0 ? (
        <p className={`${cardClass} px-6 py-6 text-sm text-slate-600`}>{t('empty')}</p>
      ) : (
        <div className={`${cardClass} relative overflow-x-auto`}>
          <table className="stack-table min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t('caption', { month: monthName(month, language) })}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className={th}>{t('columns.room')}</th>
                <th scope="col" className={th}>{t('columns.start')}</th>
                <th scope="col" className={`${th} text-right`}>{t('columns.participants')}</th>
                <th scope="col" className={`${th} text-right`}>{t('columns.duration')}</th>
                <th scope="col" className={`${th} text-right`}>{t('columns.minutes')}</th>
                <th scope="col" className={th}><span className="sr-only">{t('expand')}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.items.flatMap((c) => {
                const isOpen = open?.id === c.id;
                const row = (
                  <tr key={c.id} data-testid="conference-row" className={isOpen ? 'bg-indigo-50' : undefined}>
                    <th scope="row" data-label={t('columns.room')} className={`${td} text-left font-medium`}>{roomLabel(t, c)}</th>
                    <td data-label={t('columns.start')} className={`${td} whitespace-nowrap`}>
                      {when(c.startedAt)}
                      {c.inProgress && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">{t('inProgress')}</span>}
                    </td>
                    <td data-label={t('columns.participants')} className={`${td} text-right`}>{c.participantCount}</td>
                    <td data-label={t('columns.duration')} className={`${td} text-right tabular-nums`}>{formatDuration(c.durationSeconds)}</td>
                    <td data-label={t('columns.minutes')} className={`${td} text-right tabular-nums`}>{c.participantMinutes}</td>
                    <td className={`${td} whitespace-nowrap`}>
                      <Link
                        href={isOpen ? `/history?month=${month}` : `/history?month=${month}&conference=${c.id}#conference-${c.id}`}
                        className={linkClass}
                        aria-expanded={isOpen}
                        scroll={false}
                      >
                        {t(isOpen ? 'closeLink' : 'conferenceLink')}
                        <span className="sr-only"> {t('of', { start: when(c.startedAt) })}</span>
                      </Link>
                    </td>
                  </tr>
                );
                if (!isOpen || !open) return [row];
                return [
                  row,
                  <tr key={`${c.id}-details`} id={`conference-${c.id}`}>
                    <td colSpan={6} className="bg-slate-50 px-3 py-4">
                      <ConferenceDetails t={t} conference={open} recordings={recorded} canDelete={isAdmin(actor)} zone={tenant.timezone} locale={locale} />
                    </td>
                  </tr>,
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ConferenceDetails({
  t,
  conference,
  recordings,
  canDelete,
  zone,
  locale,
}: {
  t: Translate;
  conference: ConferenceView;
  recordings: Awaited<ReturnType<typeof recordingsWithLinks>>;
  canDelete: boolean;
  zone: string;
  locale: string;
}) {
  const day = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: zone });
  const time = (iso: string) =>
    day(iso) === day(conference.startedAt) ? formatLocalTime(new Date(iso), zone, locale) : formatLocalDateTime(new Date(iso), zone, locale);
  const who = new Map(conference.participants.map((p) => [p.id, p.callerNumber ?? t('hidden')]));
  return (
    <div className="space-y-4">
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="py-1 text-left font-semibold">{t('participantsTitle')}</caption>
          <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
            <tr>
              <th scope="col" className={th}>{t('participantColumns.number')}</th>
              <th scope="col" className={th}>{t('participantColumns.name')}</th>
              <th scope="col" className={th}>{t('participantColumns.role')}</th>
              <th scope="col" className={th}>{t('participantColumns.joined')}</th>
              <th scope="col" className={th}>{t('participantColumns.left')}</th>
              <th scope="col" className={`${th} text-right`}>{t('participantColumns.duration')}</th>
              <th scope="col" className={th}>{t('participantColumns.ended')}</th>
            </tr>
          </thead>
          <tbody>
            {conference.participants.map((p) => (
              <tr key={p.id} data-testid="participant-row">
                <td className={td}>{p.callerNumber ?? <em>{t('hidden')}</em>}</td>
                <td className={td}>{p.callerName ?? ''}</td>
                <td className={td}>{t(`roles.${p.role}`)}</td>
                <td className={`${td} whitespace-nowrap`}>{time(p.joinedAt)}</td>
                <td className={`${td} whitespace-nowrap`}>{p.leftAt ? time(p.leftAt) : t('stillIn')}</td>
                <td className={`${td} text-right tabular-nums`}>{formatDuration(p.durationSeconds)}</td>
                <td className={td}>{worded(t, 'endReasons', p.endReason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {conference.actions.length === 0 ? (
        <p className="text-sm text-slate-600">{t('noActions')}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="py-1 text-left font-semibold">{t('actionsTitle')}</caption>
            <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className={th}>{t('actionColumns.at')}</th>
                <th scope="col" className={th}>{t('actionColumns.action')}</th>
                <th scope="col" className={th}>{t('actionColumns.by')}</th>
                <th scope="col" className={th}>{t('actionColumns.result')}</th>
              </tr>
            </thead>
            <tbody>
              {conference.actions.map((a, i) => (
                <tr key={i} data-testid="action-row">
                  <td className={`${td} whitespace-nowrap`}>{time(a.at)}</td>
                  <td className={td}>
                    {worded(t, 'actionNames', a.action)}
                    {a.participantId && who.has(a.participantId) ? ` — ${who.get(a.participantId)}` : ''}
                  </td>
                  <td className={td}>
                    {t(`byKinds.${a.by.kind}`)}
                    {a.by.kind === 'keypad' && a.by.id && who.has(a.by.id) ? ` — ${who.get(a.by.id)}` : ''}
                  </td>
                  <td className={td}>{worded(t, 'results', a.result)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Recordings t={t} recordings={recordings} canDelete={canDelete} />
      <a href={`/history/conferences/${conference.id}/report.pdf`} className={`${linkClass} text-sm`} download>
        {t('downloads.conferencePdf')}
      </a>
    </div>
  );
}

/** REC-2: each recording with its state; a ready one with a player and a download, through a link made for this page (one hour). */
function Recordings({ t, recordings, canDelete }: { t: Translate; recordings: { id: string; state: RecordingView['state']; url: string | null }[]; canDelete: boolean }) {
  if (recordings.length === 0) return null;
  return (
    <section aria-labelledby="recordings" className="space-y-2">
      <h3 id="recordings" className="font-semibold">
        {t('recordings.title')}
      </h3>
      <ul className="space-y-3">
        {recordings.map((r, i) => (
          <li key={r.id} data-testid="recording" className="space-y-1 text-sm">
            <p>
              {t('recordings.listen', { n: i + 1 })} — {t(`recordings.states.${r.state}`)}
            </p>
            {r.url ? (
              <>
                <audio controls preload="none" src={r.url} aria-label={t('recordings.listen', { n: i + 1 })} />
                <a href={`${r.url}?download=1`} className={linkClass} download>
                  {t('recordings.download')}
                </a>
              </>
            ) : null}
            {canDelete && (r.state === 'ready' || r.state === 'failed') ? (
              <ConfirmAction
                compact
                action={deleteRecording}
                fields={{ id: r.id }}
                label={t('recordings.delete', { n: i + 1 })}
                title={t('recordings.deleteTitle')}
                body={t('recordings.deleteBody')}
                confirmLabel={t('recordings.deleteConfirm')}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {recordings.some((r) => r.url) ? <p className="text-xs text-slate-600">{t('recordings.linkNote')}</p> : null}
    </section>
  );
}

/** Links only for ready recordings: the page's reader sees the conference (organizer or admin, H-2). */
async function recordingsWithLinks(actor: Actor, conference: ConferenceView, now: Date) {
  return Promise.all(
    conference.recordings.map(async (r) => ({ id: r.id, state: r.state, url: r.state === 'ready' ? (await createRecordingLink(actor, r.id, {}, now)).url : null })),
  );
}
