import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { cardClass } from '@/app/_ui/styles';
import { requireAdmin } from '@/app/lib/session';
import { tenantUsage } from '@/server/history/usage';
import { systemClock } from '@/server/lib/clock';
import { getTenantSettings } from '@/server/tenants/service';
import { MonthPicker } from '../../history/month-picker';
import { monthName, pageMonth } from '../../history/month';
import { UsageChart } from './usage-chart';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('history'))('usage.title') };
}

const th = 'px-3 py-2';
const td = 'px-3 py-2';

/** H-4: the whole tenant's month per room and ad-hoc organizer, per day as a chart and a table, with the total. */
export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdmin();
  const now = systemClock();
  const tenant = await getTenantSettings(actor);
  const month = pageMonth((await searchParams).month, tenant.timezone, now);
  const [t, language, usage] = await Promise.all([getTranslations('history'), getLocale(), tenantUsage(actor.tenantId, month, now)]);
  const name = monthName(month, language);
  const days = usage.days.map((d) => ({ ...d, day: String(Number(d.date.slice(8))) }));
  const lineLabel = (line: (typeof usage.rooms)[number]) =>
    line.kind === 'adhoc'
      ? t('adhoc', { extension: line.organizerExtension ?? '?' })
      : line.name
        ? `${line.name} (${line.roomNumber})`
        : t('deletedRoom', { roomNumber: line.roomNumber ?? '?' });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('usage.title')}</h1>
        <p className="text-sm text-slate-600">{t('usage.intro')}</p>
      </div>
      <MonthPicker month={month} path="/admin/usage" />
      <p className="text-lg font-semibold">
        {name} — {t('total', { conferences: usage.total.conferences, minutes: usage.total.participantMinutes })}
      </p>

      <figure className={`${cardClass} space-y-2 p-4`} aria-labelledby="chart-title">
        <figcaption>
          <span id="chart-title" className="block font-semibold">{t('usage.chartTitle')}</span>
          <span className="text-sm text-slate-600">{t('usage.chartDescription')}</span>
        </figcaption>
        <UsageChart days={days} label={t('usage.participantMinutes')} />
      </figure>

      {usage.rooms.length === 0 ? (
        <p className={`${cardClass} px-6 py-6 text-sm text-slate-600`}>{t('usage.empty')}</p>
      ) : (
        <div className={`${cardClass} relative overflow-x-auto`}>
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="usage-rooms">
            <caption className="px-3 py-2 text-left font-semibold">{t('usage.roomsCaption', { month: name })}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className={th}>{t('usage.room')}</th>
                <th scope="col" className={`${th} text-right`}>{t('usage.conferences')}</th>
                <th scope="col" className={`${th} text-right`}>{t('usage.participantMinutes')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {usage.rooms.map((line) => (
                <tr key={`${line.kind}-${line.roomId ?? line.roomNumber ?? line.organizerExtension}`}>
                  <th scope="row" className={`${td} text-left font-medium`}>{lineLabel(line)}</th>
                  <td className={`${td} text-right tabular-nums`}>{line.conferences}</td>
                  <td className={`${td} text-right tabular-nums`}>{line.participantMinutes}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-slate-300 font-semibold">
              <tr>
                <th scope="row" className={`${td} text-left`}>{t('usage.total')}</th>
                <td className={`${td} text-right tabular-nums`}>{usage.total.conferences}</td>
                <td className={`${td} text-right tabular-nums`}>{usage.total.participantMinutes}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      <details className={`${cardClass} p-4`}>
        <summary className="cursor-pointer font-semibold">{t('usage.daysCaption', { month: name })}</summary>
        <div className="relative mt-2 overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="usage-days">
            <caption className="sr-only">{t('usage.daysCaption', { month: name })}</caption>
            <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className={th}>{t('usage.day')}</th>
                <th scope="col" className={`${th} text-right`}>{t('usage.conferences')}</th>
                <th scope="col" className={`${th} text-right`}>{t('usage.participantMinutes')}</th>
              </tr>
            </thead>
            <tbody>
              {usage.days.map((d) => (
                <tr key={d.date}>
                  <th scope="row" className={`${td} text-left font-normal`}>{d.date}</th>
                  <td className={`${td} text-right tabular-nums`}>{d.conferences}</td>
                  <td className={`${td} text-right tabular-nums`}>{d.participantMinutes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
