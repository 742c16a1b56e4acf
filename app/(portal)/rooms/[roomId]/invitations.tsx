import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { cardClass, linkClass } from '@/app/_ui/styles';
import { getDateLocale } from '@/app/lib/i18n/date-locale';
import { requireActor } from '@/app/lib/session';
import { isAdmin } from '@/server/auth/actor';
import { outboxIsTransport } from '@/server/mail/outbox-read';
import { invitationOverview, type RecipientStatus } from '@/server/notifications/overview';
import { formatLocalDateTime } from '@/server/rooms/rules/localtime';
import { getTenantSettings } from '@/server/tenants/service';
import { InviteButton } from './invite-button';

/** M-3..M-5 on the room page: the "Send invitation" button and where each email stands. */
export async function Invitations({ roomId, canManage }: { roomId: string; canManage: boolean }) {
  const actor = await requireActor();
  const [t, tenant, overview] = await Promise.all([getTranslations('invitations'), getTenantSettings(actor), invitationOverview(actor, roomId)]);
  const locale = await getDateLocale(tenant.timezone);
  const when = (iso: string) => formatLocalDateTime(new Date(iso), tenant.timezone, locale);

  const statusOf = (r: RecipientStatus): string => {
    if (!r.sendEmail || !r.email) return t('status.noEmail');
    if (!r.invitation) return t('status.notInvited');
    if (r.invitation.status === 'sent' && r.invitation.sentAt) return t('status.invited', { at: when(r.invitation.sentAt) });
    if (r.invitation.status === 'failed') return t('status.failed', { error: r.invitation.lastError ?? '' });
    return r.invitation.lastError ? t('status.retrying', { error: r.invitation.lastError }) : t('status.sending');
  };
  const remindersOf = (r: RecipientStatus): string =>
    r.remindersSent.length === 0 ? '—' : r.remindersSent.map((kind) => t(`reminders.${kind}`)).join(', ');

  return (
    <section aria-labelledby="invitations-title" className="space-y-4">
      <h2 id="invitations-title" className="text-xl font-semibold">
        {t('title')}
      </h2>
      {canManage && (
        <div className={`${cardClass} p-6`}>
          <InviteButton roomId={roomId} toInvite={overview.toInvite} copyPending={overview.copyPending} />
        </div>
      )}
      <ul aria-label={t('caption')} className={`${cardClass} divide-y divide-slate-100 text-sm`}>
        {overview.recipients.map((r) => (
          <li key={r.memberId ?? 'organizer'} data-testid="invitation-status" className="grid gap-1 px-4 py-3 sm:grid-cols-4">
            <span className="font-medium">{r.memberId ? r.name : t('organizerCopy', { name: r.name })}</span>
            <span>{r.email ?? '—'}</span>
            <span>{statusOf(r)}</span>
            <span>{t('remindersSent', { list: remindersOf(r) })}</span>
          </li>
        ))}
      </ul>
      {isAdmin(actor) && outboxIsTransport() && (
        <p className="text-sm">
          <Link href="/admin/outbox" className={linkClass}>
            {t('outboxLink')}
          </Link>
        </p>
      )}
    </section>
  );
}
