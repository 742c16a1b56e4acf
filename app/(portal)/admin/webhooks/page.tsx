import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { AdminTable } from '@/app/_ui/admin-table';
import { ConfirmAction } from '@/app/_ui/confirm-action';
import { cardClass } from '@/app/_ui/styles';
import { requireAdmin } from '@/app/lib/session';
import { getTenantSettings } from '@/server/tenants/service';
import { listWebhooks, WEBHOOK_EVENT_TYPES } from '@/server/webhooks/endpoints';
import { deleteWebhook } from '../actions';
import { WebhookForm } from './webhook-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('webhooks'))('title') };
}

/** Issue 10: the tenant's webhook endpoints, each with its last error, for tenant admins. */
export default async function WebhooksPage() {
  const actor = await requireAdmin();
  const [t, admin, { items }, tenant, locale] = await Promise.all([getTranslations('webhooks'), getTranslations('admin'), listWebhooks(actor), getTenantSettings(actor), getLocale()]);
  const when = new Intl.DateTimeFormat(locale, { timeZone: tenant.timezone, dateStyle: 'short', timeStyle: 'medium' });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>
      <AdminTable
        caption={t('title')}
        columns={[t('url'), t('events'), t('lastDelivery'), t('lastError')]}
        actionsLabel={admin('actions')}
        empty={t('empty')}
        rows={items.map((w) => ({
          key: w.id,
          cells: [
            <span key="u" className="break-all font-mono text-xs">
              {w.url}
            </span>,
            w.events.join(', '),
            w.lastDeliveredAt ? when.format(new Date(w.lastDeliveredAt)) : '—',
            w.lastError ? (
              <span key="e" className="text-red-800">
                {w.lastError} ({when.format(new Date(w.lastErrorAt!))})
              </span>
            ) : (
              t('noError')
            ),
            <ConfirmAction
              key="d"
              compact
              action={deleteWebhook}
              fields={{ id: w.id }}
              label={t('delete', { url: w.url })}
              title={t('deleteTitle')}
              body={t('deleteBody', { url: w.url })}
              confirmLabel={t('deleteConfirm')}
            />,
          ],
        }))}
      />
      <section aria-labelledby="add-webhook" className={`${cardClass} p-6`}>
        <h2 id="add-webhook" className="mb-4 text-base font-semibold">
          {t('add')}
        </h2>
        <WebhookForm eventTypes={[...WEBHOOK_EVENT_TYPES]} />
      </section>
    </div>
  );
}
