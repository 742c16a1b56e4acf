import type { Logger } from '@/server/lib/logger';
import type { CallServices } from '../services';
import type { CallClock, Telephony } from '../telephony/port';

export interface RecoveryContext {
  services: Pick<CallServices, 'closeAbandonedConferences'>;
  telephony: Telephony;
  clock: CallClock;
  log: Logger;
  sipInstance: string;
}

/**
 * At start, what a previous run of this sip instance left is over: its records are closed
 * (`sip-restart`), each caller still in one of its conferences gets a BYE in the dialog
 * drachtio-server kept for it, and its conferences are cleared from FreeSWITCH.
 */
export async function endWhatAPreviousRunLeft(ctx: RecoveryContext): Promise<{ conferences: number; callersHungUp: number }> {
  const { mediaNames, sipDialogIds } = await ctx.services.closeAbandonedConferences(ctx.sipInstance, ctx.clock.now());
  const byes = await Promise.all(sipDialogIds.map((dialogId) => ctx.telephony.endLeftoverDialog(dialogId)));
  await Promise.all(
    mediaNames.map((name) => ctx.telephony.clearConference(name).catch((err) => ctx.log.warn({ err, conference: name }, 'could not clear a conference left by the previous run'))),
  );
  const result = { conferences: mediaNames.length, callersHungUp: byes.filter(Boolean).length };
  if (mediaNames.length > 0) ctx.log.warn(result, 'ended the conferences and calls a previous run left');
  return result;
}
