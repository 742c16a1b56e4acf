import type { Room } from '@/server/db/schema';
import { roomWindow, windowStatus, type RoomStatus } from './rules/window';

/** API-2: the room as every answer shows it. */
export interface RoomView {
  id: string;
  roomNumber: string;
  name: string;
  startsAt: string;
  durationMinutes: number;
  pin: string | null;
  moderatorPin: string | null;
  description: string | null;
  kind: 'audio' | 'ucc';
  status: RoomStatus;
  window: { opensAt: string; closesAt: string };
  organizer: { id: string; name: string };
  scheduleVersion: number;
  createdAt: string;
  updatedAt: string;
}

export function toRoomView(room: Room, organizerName: string, earlyJoinMinutes: number, now: Date): RoomView {
  const window = roomWindow(room, earlyJoinMinutes);
  return {
    id: room.id,
    roomNumber: room.roomNumber,
    name: room.name,
    startsAt: room.startsAt.toISOString(),
    durationMinutes: room.durationMinutes,
    pin: room.pin,
    moderatorPin: room.moderatorPin,
    description: room.description,
    kind: room.kind,
    status: windowStatus(window, now),
    window: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
    organizer: { id: room.organizerId, name: organizerName },
    scheduleVersion: room.scheduleVersion,
    createdAt: room.createdAt.toISOString(),
    updatedAt: room.updatedAt.toISOString(),
  };
}
