import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/app/_ui/language-switcher';
import { LivePanel } from '@/app/_ui/live/live-panel';
import { openLive, runningConferenceOfRoom } from '@/server/live/access';
import { resolveLink } from '@/server/live/links';
import { liveSnapshot } from '@/server/live/view';
import { RoomWaiting } from '@/app/_ui/live/room-waiting';

export const dynamic = 'force-dynamic';

// The address is the credential: not indexed, and not sent on as a referrer.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: 'no-referrer' };

/**
 * L-3: the public tracking (read-only) or control page of one room, without an account. It
 * shows the room's running conference, numbers masked as the tenant chose, or waits for one.
 */
export default async function LinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await resolveLink(token);
  if (!link) notFound();
  const [t, locale] = await Promise.all([getTranslations('live'), getLocale()]);
  const conferenceId = await runningConferenceOfRoom(link.tenantId, link.roomId);
  const snapshot = conferenceId ? await liveSnapshot(await openLive({ kind: 'link', link }, conferenceId)) : null;
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="font-semibold">{t(`public.${link.kind}`)}</p>
          <LanguageSwitcher tone="dark" />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl space-y-4 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">{link.roomName}</h1>
          <p className="text-sm text-slate-700">
            {t('public.room', { number: link.roomNumber })}
            {link.maskCallerNumbers ? ` · ${t('public.masked')}` : ''}
          </p>
        </div>
        {snapshot ? (
          <LivePanel
            key={snapshot.conference.id}
            initial={snapshot.conference}
            lastEventId={snapshot.lastEventId}
            actions={snapshot.actions}
            ended={snapshot.ended}
            canAct={link.kind === 'control'}
            streamUrl={`/l/${token}/events?conferenceId=${snapshot.conference.id}`}
            linkActionUrl={link.kind === 'control' ? `/l/${token}/actions` : undefined}
            isLink
            waitUrl={`/l/${token}/events`}
            timeZone={link.timezone}
            locale={locale}
          />
        ) : (
          <RoomWaiting streamUrl={`/l/${token}/events`} />
        )}
      </main>
    </div>
  );
}
