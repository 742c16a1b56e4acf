import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cardClass } from '@/app/_ui/styles';
import { requireActor } from '@/app/lib/session';
import { ROOM_OPTION_DEFAULTS } from '@/server/rooms/option-defaults';
import { DURATION_CHOICES } from '@/server/rooms/rules/numbers';
import { DEFAULT_DURATION_MINUTES } from '@/server/rooms/schemas';
import { proposeRoomDefaults } from '@/server/rooms/service';
import { getTenantSettings } from '@/server/tenants/service';
import { createRoom } from '../actions';
import { RoomForm } from '../room-form';
import { roomOptionValues } from '../room-option-values';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('rooms'))('new') };
}

export default async function NewRoomPage() {
  const actor = await requireActor();
  const [t, tenant, proposal] = await Promise.all([getTranslations('rooms'), getTenantSettings(actor), proposeRoomDefaults(actor)]);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">{t('new')}</h1>
      <div className={`${cardClass} p-6`}>
        <RoomForm
          action={createRoom}
          initial={{ ...proposal, name: '', startsAt: '', durationMinutes: String(DEFAULT_DURATION_MINUTES), moderatorPin: '', description: '', options: roomOptionValues(ROOM_OPTION_DEFAULTS) }}
          durations={DURATION_CHOICES}
          zone={tenant.timezone}
          submitLabel={t('form.create')}
          cancelHref="/rooms"
        />
      </div>
    </div>
  );
}
