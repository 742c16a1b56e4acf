import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AdminTable } from '@/app/_ui/admin-table';
import { ConfirmAction } from '@/app/_ui/confirm-action';
import { cardClass, secondaryButtonClass } from '@/app/_ui/styles';
import { leaveEverywhere } from '@/app/lib/authenticate';
import { requireActor } from '@/app/lib/session';
import { isAdmin } from '@/server/auth/actor';
import { listTokens } from '@/server/users/tokens';
import { revokeApiToken } from './actions';
import { TokenForm } from './token-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('security.account'))('title') };
}

/** Issue 13: one's sessions and API tokens; a tenant admin also sees and revokes every token of the tenant. */
export default async function AccountPage() {
  const actor = await requireActor();
  const [t, format, tokens] = await Promise.all([getTranslations('security.account'), getFormatter(), listTokens(actor)]);
  const when = (iso: string | null, none: string) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : none);
  const expired = (iso: string | null) => iso !== null && new Date(iso).getTime() <= Date.now();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>

      <section aria-labelledby="sessions" className={`${cardClass} p-6`}>
        <h2 id="sessions" className="mb-2 text-base font-semibold">
          {t('sessions')}
        </h2>
        <p className="mb-4 text-sm text-slate-600">{t('sessionsHint')}</p>
        <form action={leaveEverywhere}>
          <button type="submit" className={secondaryButtonClass}>
            {t('signOutEverywhere')}
          </button>
        </form>
      </section>

      <section aria-labelledby="tokens" className="space-y-4">
        <h2 id="tokens" className="text-base font-semibold">
          {isAdmin(actor) ? t('tenantTokens') : t('myTokens')}
        </h2>
        <AdminTable
          caption={isAdmin(actor) ? t('tenantTokens') : t('myTokens')}
          columns={[t('name'), ...(isAdmin(actor) ? [t('owner')] : []), t('createdAt'), t('lastUsedAt'), t('expiresAt')]}
          actionsLabel={t('actions')}
          empty={t('empty')}
          rows={tokens.map((token) => ({
            key: token.id,
            cells: [
              token.name ?? t('unnamed'),
              ...(isAdmin(actor) ? [`${token.user.name} (${token.user.email})`] : []),
              when(token.createdAt, '—'),
              when(token.lastUsedAt, t('never')),
              expired(token.expiresAt) ? t('expired') : when(token.expiresAt, t('never')),
              <ConfirmAction
                key="revoke"
                compact
                action={revokeApiToken}
                fields={{ id: token.id }}
                label={t('revoke', { name: token.name ?? t('unnamed') })}
                title={t('revokeTitle')}
                body={t('revokeBody')}
                confirmLabel={t('revokeConfirm')}
              />,
            ],
          }))}
        />
      </section>

      <section aria-labelledby="new-token" className={`${cardClass} p-6`}>
        <h2 id="new-token" className="mb-4 text-base font-semibold">
          {t('create')}
        </h2>
        <TokenForm />
      </section>
    </div>
  );
}
