/** the one place a room's window and status are computed (portal, API, IVR, emails). */
export interface Schedule {
  startsAt: Date;
  durationMinutes: number;
}

export interface RoomWindow {
  opensAt: Date;
  closesAt: Date;
}

export const ROOM_STATUSES = ['scheduled', 'open', 'expired'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

const MINUTE = 60_000;

export function roomWindow(schedule: Schedule, earlyJoinMinutes: number): RoomWindow {
  return {
    opensAt: new Date(schedule.startsAt.getTime() - earlyJoinMinutes * MINUTE),
    closesAt: new Date(schedule.startsAt.getTime() + schedule.durationMinutes * MINUTE),
  };
}

/** Open from `opensAt` (included) until `closesAt` (excluded). */
export function windowStatus(window: RoomWindow, now: Date): RoomStatus {
  const t = now.getTime();
  if (t < window.opensAt.getTime()) return 'scheduled';
  if (t < window.closesAt.getTime()) return 'open';
  return 'expired';
}

export function roomStatus(schedule: Schedule, earlyJoinMinutes: number, now: Date): RoomStatus {
  return windowStatus(roomWindow(schedule, earlyJoinMinutes), now);
}
