import { formatLocalDateTime, formatLocalTime } from '@/server/rooms/rules/localtime';
import type { RoomView } from '@/server/rooms/view';

/** start and window as the tenant's clock shows them. */
export function roomTimes(room: RoomView, zone: string, locale: string) {
  const opensAt = new Date(room.window.opensAt);
  const closesAt = new Date(room.window.closesAt);
  const sameDay = formatLocalDateTime(opensAt, zone, 'fr').slice(0, 10) === formatLocalDateTime(closesAt, zone, 'fr').slice(0, 10);
  return {
    start: formatLocalDateTime(new Date(room.startsAt), zone, locale),
    window: `${formatLocalTime(opensAt, zone, locale)} – ${sameDay ? formatLocalTime(closesAt, zone, locale) : formatLocalDateTime(closesAt, zone, locale)}`,
  };
}
