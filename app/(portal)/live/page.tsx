import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { LiveList } from '@/app/_ui/live/live-list';
import { requireActor } from '@/app/lib/session';
import { listLiveConferences } from '@/server/live/view';
import { getTenantSettings } from '@/server/tenants/service';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('live'))('listTitle') };
}

/** L-1: the conferences running now, each leading to its live page. */
export default async function LiveListPage() {
  const actor = await requireActor();
  const [t, { items }, tenant, locale] = await Promise.all([getTranslations('live'), listLiveConferences(actor), getTenantSettings(actor), getLocale()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t('listTitle')}</h1>
      <p className="text-sm text-slate-700">{t('listIntro')}</p>
      <LiveList items={items} timeZone={tenant.timezone} locale={locale} empty={t('listEmpty')} />
    </div>
  );
}
