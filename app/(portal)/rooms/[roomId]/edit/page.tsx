import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cardClass } from '@/app/_ui/styles';
import { loadRoom } from '@/app/lib/load-room';
import { requireActor } from '@/app/lib/session';
import { isAdmin } from '@/server/auth/actor';
import { instantToLocalInput } from '@/server/rooms/rules/localtime';
import { DURATION_CHOICES } from '@/server/rooms/rules/numbers';
import { getTenantSettings } from '@/server/tenants/service';
import { updateRoom } from '../../actions';
import { RoomForm } from '../../room-form';
import { roomOptionValues } from '../../room-option-values';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('rooms'))('edit') };
}

export default async function EditRoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const actor = await requireActor();
  const { roomId } = await params;
  const [t, tenant, room] = await Promise.all([getTranslations('rooms'), getTenantSettings(actor), loadRoom(actor, roomId)]);
  // T-4: only the organizer or an admin may change a room; others are not shown the form.
  if (room.organizer.id !== actor.userId && !isAdmin(actor)) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">{t('editTitle', { name: room.name })}</h1>
      {room.status === 'expired' && (
        <p className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">{t('rescheduleHint')}</p>
      )}
      <div className={`${cardClass} p-6`}>
        <RoomForm
          action={updateRoom}
          initial={{
            roomId: room.id,
            roomNumber: room.roomNumber,
            name: room.name,
            startsAt: instantToLocalInput(new Date(room.startsAt), tenant.timezone),
            durationMinutes: String(room.durationMinutes),
            pin: room.pin ?? '',
            moderatorPin: room.moderatorPin ?? '',
            description: room.description ?? '',
            options: roomOptionValues(room),
          }}
          durations={DURATION_CHOICES}
          zone={tenant.timezone}
          submitLabel={t('form.save')}
          cancelHref={`/rooms/${room.id}`}
        />
      </div>
    </div>
  );
}
