import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { LivePanel } from '@/app/_ui/live/live-panel';
import { linkClass } from '@/app/_ui/styles';
import { requireActor } from '@/app/lib/session';
import { NotFoundError } from '@/server/lib/errors';
import { openLive, type LiveAccess } from '@/server/live/access';
import { liveSnapshot, userNames } from '@/server/live/view';
import { getTenantSettings } from '@/server/tenants/service';
import type { Actor } from '@/server/auth/actor';

export const dynamic = 'force-dynamic';

async function access(actor: Actor, conferenceId: string): Promise<LiveAccess> {
  try {
    return await openLive({ kind: 'user', actor, via: 'portal' }, conferenceId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('live'))('nav') };
}

/** L-1, L-2: the live page of one conference; read-only for a subscriber who does not organize it. */
export default async function LivePage({ params }: { params: Promise<{ conferenceId: string }> }) {
  const actor = await requireActor();
  const { conferenceId } = await params;
  const granted = await access(actor, conferenceId);
  const [t, tenant, snapshot, locale] = await Promise.all([getTranslations('live'), getTenantSettings(actor), liveSnapshot(granted), getLocale()]);
  const names = { ...(await userNames(actor.tenantId, snapshot.actions)), [actor.userId]: actor.name };
  const { conference } = snapshot;
  const title = conference.roomName
    ? `${conference.roomName} (${conference.roomNumber ?? ''})`
    : granted.conference.organizerExtension
      ? t('adhoc', { extension: granted.conference.organizerExtension })
      : t('adhocUnknown');
  const started = new Intl.DateTimeFormat(locale, { timeZone: tenant.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(conference.startedAt));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t('title', { room: title })}</h1>
        <p className="text-sm text-slate-700">
          {t('startedAt', { time: started })}
          {conference.roomId && (
            <>
              {' · '}
              <Link href={`/rooms/${conference.roomId}`} className={linkClass}>
                {conference.roomName}
              </Link>
            </>
          )}
        </p>
      </div>
      {!granted.canAct && <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">{t('readOnly')}</p>}
      <LivePanel
        initial={conference}
        lastEventId={snapshot.lastEventId}
        actions={snapshot.actions}
        ended={snapshot.ended}
        canAct={granted.canAct}
        streamUrl={`/live/${conference.id}/events`}
        timeZone={tenant.timezone}
        locale={locale}
        userNames={names}
      />
    </div>
  );
}
