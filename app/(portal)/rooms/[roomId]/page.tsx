import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { AFTER_ACTION } from '@/app/_ui/after-action';
import { ConfirmAction } from '@/app/_ui/confirm-action';
import { FocusedNotice } from '@/app/_ui/focused-notice';
import { StatusBadge } from '@/app/_ui/status-badge';
import { cardClass, secondaryButtonClass } from '@/app/_ui/styles';
import { getDateLocale } from '@/app/lib/i18n/date-locale';
import { loadRoom } from '@/app/lib/load-room';
import { roomTimes } from '@/app/lib/room-time';
import { requireActor } from '@/app/lib/session';
import { isAdmin } from '@/server/auth/actor';
import { listMembers } from '@/server/members/service';
import { cancellationRecipients } from '@/server/notifications/overview';
import { getTenantSettings } from '@/server/tenants/service';
import { deleteRoom, removeMember } from '../actions';
import { CopyDetails } from './copy-details';
import { DuplicateButton } from './duplicate-button';
import { Invitations } from './invitations';
import { EditMember } from './edit-member';
import { GuessingAlert } from './guessing-alert';
import { MemberForm } from './member-form';
import { NoPinWarning } from './no-pin-warning';
import { LiveLinks } from './live-links';
import { runningConferenceOfRoom } from '@/server/live/access';
import { roomLinkStatus } from '@/server/live/links';

export async function generateMetadata({ params }: { params: Promise<{ roomId: string }> }): Promise<Metadata> {
  const actor = await requireActor();
  const room = await loadRoom(actor, (await params).roomId);
  return { title: room.name };
}

const SAVED_NOTICES = ['created', 'updated', 'ambiguous', 'openNow', 'duplicated'] as const;

export default async function RoomPage({
  params,
  searchParams,
}: {
  params: Promise<{ roomId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { roomId } = await params;
  const { saved } = await searchParams;
  const room = await loadRoom(actor, roomId);
  const [t, tools, tenant, members, invited] = await Promise.all([
    getTranslations('rooms'),
    getTranslations('roomTools'),
    getTenantSettings(actor),
    listMembers(actor, room.id),
    cancellationRecipients(actor, room.id),
  ]);
  const [tm, to] = await Promise.all([getTranslations('members'), getTranslations('roomOptions')]);
  const canManage = isAdmin(actor) || room.organizer.id === actor.userId;
  // L-1, L-3: the conference running in the room now, and the room's live links.
  const [runningId, links, tLive] = await Promise.all([runningConferenceOfRoom(actor.tenantId, room.id), canManage ? roomLinkStatus(actor, room.id) : [], getTranslations('live')]);
  const linkSince = new Intl.DateTimeFormat(await getLocale(), { timeZone: tenant.timezone, dateStyle: 'medium', timeStyle: 'short' });
  const times = roomTimes(room, tenant.timezone, await getDateLocale(tenant.timezone));
  const howToJoin = t(room.pin ? 'howToJoinWithPin' : 'howToJoin', { numbers: tenant.portalNumbers.join(', '), roomNumber: room.roomNumber, pin: room.pin ?? '' });
  const dialInText = [
    room.name,
    tools('text.start', { start: times.start }),
    tools('text.window', { window: times.window }),
    tools('text.numbers', { numbers: tenant.portalNumbers.join(', ') }),
    tools('text.roomNumber', { roomNumber: room.roomNumber }),
    ...(room.pin ? [tools('text.pin', { pin: room.pin })] : []),
    howToJoin,
  ].join('\n');
  const notice = SAVED_NOTICES.find((n) => n === saved);

  const facts: [string, string][] = [
    [t('columns.roomNumber'), room.roomNumber],
    [t('columns.start'), times.start],
    [t('columns.window'), times.window],
    [t('form.durationMinutes'), t('form.minutes', { count: room.durationMinutes })],
    [t('form.pin'), room.pin ?? t('none')],
    // C-8: the moderator PIN is for those who manage the room; others do not learn whether there is one.
    ...(canManage ? [[t('form.moderatorPin'), room.moderatorPin ?? t('none')] as [string, string]] : []),
    [t('organizer'), room.organizer.name],
  ];
  const yesNo = (on: boolean) => (on ? to('yes') : to('no'));
  const options: [string, string][] = [
    [to('enterMuted'), yesNo(room.enterMuted)],
    [to('waitForModerator'), yesNo(room.waitForModerator)],
    [to('endWhenLastModeratorLeaves'), yesNo(room.endWhenLastModeratorLeaves)],
    [to('announceJoinLeave'), yesNo(room.announceJoinLeave)],
    [to('announceRecording'), yesNo(room.announceRecording)],
    [to('recordFromStart'), yesNo(room.recordFromStart)],
    [to('maxParticipants'), String(room.maxParticipants)],
    [to('report'), room.reportRecipient === 'none' || room.reportRecipient === 'organizer' ? to(`reportTo.${room.reportRecipient}`) : room.reportRecipient],
    ...(room.reportRecipient === 'none' ? [] : [[to('reportWhenAlone'), yesNo(room.reportWhenAlone)] as [string, string]]),
  ];

  return (
    <div className="space-y-8">
      {notice && (
        <FocusedNotice key={notice} className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          {t(`saved.${notice}`)}
        </FocusedNotice>
      )}

      <GuessingAlert tenantId={actor.tenantId} roomId={room.id} timezone={tenant.timezone} />

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm">
            <Link href="/rooms" className="font-medium text-indigo-700 hover:underline">
              {t('backToList')}
            </Link>
          </p>
          <h1 className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-2xl font-semibold">
            {room.name} <StatusBadge status={room.status} />
          </h1>
        </div>
        {canManage && (
          <div className="flex gap-3">
            <Link href={`/rooms/${room.id}/edit`} className={secondaryButtonClass}>
              {room.status === 'expired' ? t('reschedule') : t('edit')}
            </Link>
            <ConfirmAction
              action={deleteRoom}
              fields={{ roomId: room.id }}
              label={t('delete')}
              title={t('deleteTitle')}
              body={invited > 0 ? `${t('deleteBody', { name: room.name })} ${tools('deleteInvited', { count: invited })}` : t('deleteBody', { name: room.name })}
              confirmLabel={t('deleteConfirm')}
            />
          </div>
        )}
      </div>

      {!room.pin && <NoPinWarning />}

      {runningId && (
        <p className="flex flex-wrap items-center gap-3 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          <span className="inline-block h-2.5 w-2.5 rounded-full bg-red-600" aria-hidden="true" />
          {tLive('roomLive')}
          <Link href={`/live/${runningId}`} className="font-semibold text-red-900 underline">
            {tLive('open')}
          </Link>
        </p>
      )}

      <section aria-labelledby="room-facts" className={`${cardClass} p-6`}>
        <h2 id="room-facts" className="sr-only">
          {t('details')}
        </h2>
        <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</dt>
              <dd className="mt-1 font-medium text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
        {room.description && <p className="mt-6 whitespace-pre-line text-sm text-slate-700">{room.description}</p>}
        <p className="mt-6 rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-800">{howToJoin}</p>
        <div role="group" aria-label={tools('tools')} className="mt-6 flex flex-wrap items-start gap-3">
          <CopyDetails text={dialInText} />
          <a href={`/rooms/${room.id}/calendar.ics`} download className={secondaryButtonClass}>
            {tools('calendar')}
          </a>
          <DuplicateButton roomId={room.id} />
        </div>
      </section>

      <section aria-labelledby="room-options" className={`${cardClass} p-6`}>
        <h2 id="room-options" className="mb-4 text-base font-semibold">
          {to('title')}
        </h2>
        <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          {options.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</dt>
              <dd className="mt-1 font-medium text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      {canManage && <LiveLinks roomId={room.id} links={links.map((l) => ({ kind: l.kind, since: linkSince.format(l.createdAt) }))} />}

      <section aria-labelledby="members-title" className="space-y-4">
        <h2 id="members-title" className="text-xl font-semibold">
          {tm('title', { count: members.length })}
        </h2>
        <div {...AFTER_ACTION} className={`${cardClass} overflow-x-auto`}>
          {members.length === 0 ? (
            <p className="px-6 py-6 text-sm text-slate-600">{tm('empty')}</p>
          ) : (
            <table className="stack-table min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-3">{tm('name')}</th>
                  <th scope="col" className="px-4 py-3">{tm('source')}</th>
                  <th scope="col" className="px-4 py-3">{tm('email')}</th>
                  <th scope="col" className="px-4 py-3">{tm('sendEmail')}</th>
                  {canManage && <th scope="col" className="px-4 py-3"><span className="sr-only">{tm('actions')}</span></th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {members.map((m) => (
                  <tr key={m.id} data-member-id={m.id} tabIndex={-1}>
                    <td data-label={tm('name')} className="px-4 py-3 font-medium">{m.name}</td>
                    <td data-label={tm('source')} className="px-4 py-3">
                      {m.source === 'extension' ? tm('fromExtension', { number: m.extension ?? '' }) : tm(`sources.${m.source}`)}
                    </td>
                    <td data-label={tm('email')} className="px-4 py-3">{m.email ?? '—'}</td>
                    <td data-label={tm('sendEmail')} className="px-4 py-3">{m.sendEmail ? tm('yes') : tm('no')}</td>
                    {canManage && (
                      <td className="whitespace-nowrap px-4 py-3 text-right">
                        <EditMember roomId={room.id} member={m} />
                        <ConfirmAction
                          compact
                          action={removeMember}
                          fields={{ roomId: room.id, memberId: m.id }}
                          label={tm('remove', { name: m.name })}
                          title={tm('removeTitle')}
                          body={tm('removeBody', { name: m.name })}
                          confirmLabel={tm('removeConfirm')}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {canManage && (
          <div className={`${cardClass} p-6`}>
            <h3 className="mb-4 text-base font-semibold">{tm('addTitle')}</h3>
            <MemberForm roomId={room.id} />
          </div>
        )}
      </section>

      <Invitations roomId={room.id} canManage={canManage} />
    </div>
  );
}
