import { z } from 'zod';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { ROOM_KINDS, type Room } from '@/server/db/schema';
import { ROOM_STATUSES, roomWindow, windowStatus } from './rules/window';

const instant = z.iso.datetime({ offset: true });

/** API-2: the room as every answer shows it; the OpenAPI document and the API tests read this schema. */
export const roomSchema = z
  .object({
    id: z.uuid(),
    roomNumber: z.string(),
    name: z.string(),
    startsAt: instant,
    durationMinutes: z.number().int(),
    pin: z.string().nullable(),
    moderatorPin: z.string().nullable().meta({ description: 'Shown to the organizer and tenant admins only; null for everyone else (C-8)' }),
    description: z.string().nullable(),
    kind: z.enum(ROOM_KINDS),
    enterMuted: z.boolean(),
    waitForModerator: z.boolean(),
    endWhenLastModeratorLeaves: z.boolean(),
    announceJoinLeave: z.boolean(),
    announceRecording: z.boolean(),
    maxParticipants: z.number().int(),
    recordFromStart: z.boolean(),
    reportRecipient: z.string().meta({ description: "'none', 'organizer' or an email address" }),
    reportWhenAlone: z.boolean().meta({ description: 'Send the report also after a conference where only one caller came (H-5); off by default' }),
    status: z.enum(ROOM_STATUSES),
    window: z.object({ opensAt: instant, closesAt: instant }),
    organizer: z.object({ id: z.uuid(), name: z.string() }),
    scheduleVersion: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .strict()
  .meta({ id: 'Room' });

export type RoomView = z.output<typeof roomSchema>;

/** `nextCursor` is passed back as `cursor` for the next page; null on the last one. */
export const roomListSchema = z.object({ items: z.array(roomSchema), nextCursor: z.string().nullable() }).meta({ id: 'RoomList' });

/** C-8: the moderator PIN leads the conference; only those who manage the room (T-4) may read it. */
export function canSeeModeratorPin(viewer: Actor, room: Pick<Room, 'organizerId'>): boolean {
  return isAdmin(viewer) || room.organizerId === viewer.userId;
}

export function toRoomView(room: Room, organizerName: string, earlyJoinMinutes: number, now: Date, viewer: Actor): RoomView {
  const window = roomWindow(room, earlyJoinMinutes);
  return {
    id: room.id,
    roomNumber: room.roomNumber,
    name: room.name,
    startsAt: room.startsAt.toISOString(),
    durationMinutes: room.durationMinutes,
    pin: room.pin,
    moderatorPin: canSeeModeratorPin(viewer, room) ? room.moderatorPin : null,
    description: room.description,
    kind: room.kind,
    enterMuted: room.enterMuted,
    waitForModerator: room.waitForModerator,
    endWhenLastModeratorLeaves: room.endWhenLastModeratorLeaves,
    announceJoinLeave: room.announceJoinLeave,
    announceRecording: room.announceRecording,
    maxParticipants: room.maxParticipants,
    recordFromStart: room.recordFromStart,
    reportRecipient: room.reportRecipient,
    reportWhenAlone: room.reportWhenAlone,
    status: windowStatus(window, now),
    window: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
    organizer: { id: room.organizerId, name: organizerName },
    scheduleVersion: room.scheduleVersion,
    createdAt: room.createdAt.toISOString(),
    updatedAt: room.updatedAt.toISOString(),
  };
}
