import { getTranslations } from 'next-intl/server';
import type { RoomStatus } from '@/server/rooms/rules/window';

const tones: Record<RoomStatus, string> = {
  scheduled: 'bg-sky-100 text-sky-900 ring-sky-300',
  open: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  expired: 'bg-slate-200 text-slate-800 ring-slate-300',
};

/** the status is always written out, never told by colour alone. */
export async function StatusBadge({ status }: { status: RoomStatus }) {
  const t = await getTranslations('rooms.status');
  return (
    <span data-status={status} className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[status]}`}>
      {t(status)}
    </span>
  );
}
