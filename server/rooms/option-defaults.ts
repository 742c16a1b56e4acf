/**
 * What a room's conference does unless its organizer says otherwise (C-7, C-2, REC-1, H-5): the
 * column defaults of `rooms` and the starting values of the portal's room form.
 */
export const ROOM_OPTION_DEFAULTS = {
  enterMuted: false,
  waitForModerator: false,
  endWhenLastModeratorLeaves: false,
  announceJoinLeave: true,
  announceRecording: true,
  maxParticipants: 60,
  recordFromStart: false,
  reportRecipient: 'organizer',
  reportWhenAlone: false,
} as const;
