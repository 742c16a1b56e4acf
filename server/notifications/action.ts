import { z } from 'zod';
import { defineAction } from '@/server/actions/define';
import { sendInvitations } from './invite';

/** The portal's "Send invitation" button (M-3, M-5); T-1 and T-4 are checked by sendInvitations. */
export const sendInvitationsAction = defineAction({
  schema: z.object({ roomId: z.string() }),
  run: (actor, input, now) => sendInvitations(actor, input.roomId, () => now),
});
