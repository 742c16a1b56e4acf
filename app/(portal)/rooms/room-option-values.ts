import type { RoomView } from '@/server/rooms/view';
import type { RoomOptionValues } from './room-options-fields';

type StoredOptions = Pick<
  RoomView,
  'enterMuted' | 'waitForModerator' | 'endWhenLastModeratorLeaves' | 'announceJoinLeave' | 'announceRecording' | 'recordFromStart' | 'maxParticipants' | 'reportRecipient' | 'reportWhenAlone'
>;

/** A room's stored options as the form shows them: the report address splits into a choice and an email. */
export function roomOptionValues(room: StoredOptions): RoomOptionValues {
  const { reportRecipient, maxParticipants, ...switches } = room;
  const named = reportRecipient === 'none' || reportRecipient === 'organizer';
  return {
    ...switches,
    maxParticipants: String(maxParticipants),
    reportTo: named ? reportRecipient : 'other',
    reportEmail: named ? '' : reportRecipient,
  };
}
