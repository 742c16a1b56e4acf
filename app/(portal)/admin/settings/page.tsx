import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cardClass } from '@/app/_ui/styles';
import { getDateLocale } from '@/app/lib/i18n/date-locale';
import { requireAdmin } from '@/app/lib/session';
import { MAX_ANNOUNCEMENT_BYTES } from '@/server/announcements/audio';
import { getAnnouncement } from '@/server/announcements/service';
import { formatLocalDateTime } from '@/server/rooms/rules/localtime';
import { tenantSettingsSchema } from '@/server/tenants/schemas';
import { getTenantSettings } from '@/server/tenants/service';
import { AnnouncementSection } from './announcement';
import { SettingsForm } from './settings-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.settings'))('title') };
}

export default async function SettingsPage() {
  const actor = await requireAdmin();
  const [t, tenant, announcement] = await Promise.all([getTranslations('admin.settings'), getTenantSettings(actor), getAnnouncement(actor)]);
  const locale = await getDateLocale(tenant.timezone);
  const zones = Intl.supportedValuesOf('timeZone');
  if (!zones.includes(tenant.timezone)) zones.unshift(tenant.timezone);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>
      <div className={`${cardClass} p-6`}>
        <SettingsForm
          zones={zones}
          languages={tenantSettingsSchema.shape.language.options}
          dialOutClasses={tenantSettingsSchema.shape.dialOutPolicy.element.options}
          initial={{
            name: tenant.name,
            timezone: tenant.timezone,
            language: tenant.language,
            sipDomain: tenant.sipDomain,
            portalNumbers: tenant.portalNumbers.join('\n'),
            earlyJoinMinutes: String(tenant.earlyJoinMinutes),
            anonymousCallers: tenant.rejectAnonymous ? 'reject' : 'accept',
            requirePin: tenant.requirePin,
            dialOutClasses: tenant.dialOutClasses,
            outboundRoute: tenant.outboundRoute ?? '',
            maskCallerNumbers: tenant.maskCallerNumbers,
          }}
        />
      </div>
      <div className={`${cardClass} p-6`}>
        <AnnouncementSection
          maxBytes={MAX_ANNOUNCEMENT_BYTES}
          current={
            announcement && {
              seconds: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(announcement.durationMs / 1000),
              source: announcement.source,
              updatedAt: formatLocalDateTime(new Date(announcement.updatedAt), tenant.timezone, locale),
              version: String(Date.parse(announcement.updatedAt)),
            }
          }
        />
      </div>
    </div>
  );
}
