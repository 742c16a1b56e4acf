import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cardClass, linkClass } from '@/app/_ui/styles';
import { getDateLocale } from '@/app/lib/i18n/date-locale';
import { requireAdmin } from '@/app/lib/session';
import { NotFoundError } from '@/server/lib/errors';
import { listOutbox, outboxIsTransport, showOutboxMessage } from '@/server/mail/outbox-read';
import { formatLocalDateTime } from '@/server/rooms/rules/localtime';
import { getTenantSettings } from '@/server/tenants/service';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('outbox'))('title') };
}

async function openMessage(id: string | undefined, tenantId: string) {
  if (!id) return null;
  try {
    return await showOutboxMessage(id, { tenantId });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** E-6 in development: the emails the outbox transport kept, for this tenant's admins only (T-1). */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdmin();
  if (!outboxIsTransport()) notFound();
  const { id } = await searchParams;
  const [t, tenant, { items }, message] = await Promise.all([
    getTranslations('outbox'),
    getTenantSettings(actor),
    listOutbox({ tenantId: actor.tenantId }),
    openMessage(typeof id === 'string' ? id : undefined, actor.tenantId),
  ]);
  const locale = await getDateLocale(tenant.timezone);
  const kindOf = (kind: string) => (t.has(`kinds.${kind}`) ? t(`kinds.${kind}`) : kind);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>

      {message && (
        <section aria-labelledby="message-title" className={`${cardClass} space-y-4 p-6`}>
          <h2 id="message-title" className="text-lg font-semibold">{message.subject}</h2>
          <p className="text-sm">{t('to', { to: message.to })}</p>
          <iframe title={t('htmlTitle')} srcDoc={message.html} sandbox="" className="h-96 w-full rounded border border-slate-200" />
          <details>
            <summary className="cursor-pointer text-sm font-medium">{t('text')}</summary>
            <pre className="mt-2 whitespace-pre-wrap text-xs">{message.text}</pre>
          </details>
          {message.attachments.map((a) => (
            <details key={a.filename}>
              <summary className="cursor-pointer text-sm font-medium">{t('attachment', { filename: a.filename })}</summary>
              <pre className="mt-2 whitespace-pre-wrap text-xs">{a.content}</pre>
            </details>
          ))}
        </section>
      )}

      <div className={`${cardClass} overflow-x-auto`}>
        {items.length === 0 ? (
          <p className="px-6 py-6 text-sm text-slate-600">{t('empty')}</p>
        ) : (
          <table className="stack-table min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t('title')}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3">{t('columns.sentAt')}</th>
                <th scope="col" className="px-4 py-3">{t('columns.kind')}</th>
                <th scope="col" className="px-4 py-3">{t('columns.to')}</th>
                <th scope="col" className="px-4 py-3">{t('columns.subject')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((m) => (
                <tr key={m.id} data-testid="outbox-message">
                  <td data-label={t('columns.sentAt')} className="whitespace-nowrap px-4 py-3">{formatLocalDateTime(new Date(m.sentAt), tenant.timezone, locale)}</td>
                  <td data-label={t('columns.kind')} className="px-4 py-3">{kindOf(m.kind)}</td>
                  <td data-label={t('columns.to')} className="px-4 py-3">{m.to}</td>
                  <td data-label={t('columns.subject')} className="px-4 py-3">
                    <Link href={`/admin/outbox?id=${m.id}`} className={linkClass}>
                      {m.subject}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
