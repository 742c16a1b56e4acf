import type { SimCallInput } from '../telephony/sim/engine';
import type { SimConference } from '../telephony/sim/conference';
import type { SimLeg } from '../telephony/sim/leg';
import type { Simulator } from '../telephony/sim/simulator';

type More = Partial<Omit<SimCallInput, 'dialled' | 'from'>>;

/** Callers of one room: its organizer from extension 201 (C-8), and outside callers by number. */
export function roomCallers(tenant: { portalNumber: string; sipDomain: string }, roomNumber: string, pin: string) {
  const dtmf = `${roomNumber}#${pin}#`;
  return {
    organizer: (more: More = {}): SimCallInput => ({ dialled: '*72', from: { user: '201', host: tenant.sipDomain }, dtmf, ...more }),
    participant: (number: string, more: More = {}): SimCallInput => ({ dialled: tenant.portalNumber, from: { user: number, host: 'carrier.example.com' }, dtmf, ...more }),
  };
}

/** The simulated mix a leg was put into. */
export function mediaOf(sim: Simulator, leg: SimLeg | null): SimConference {
  const conference = leg?.conferenceName ? sim.engine.conferences.get(leg.conferenceName) : undefined;
  if (!conference) throw new Error('this leg never entered a conference');
  return conference;
}

/** Whether the media server mixes this leg's voice now (false once it has left). */
export function isMutedInMix(sim: Simulator, leg: SimLeg | null): boolean {
  const media = mediaOf(sim, leg);
  const memberId = media.memberOf(leg!);
  if (memberId === null) throw new Error('this leg is not in the mix');
  return media.members.get(memberId)!.flags.muted;
}

/** What a caller heard after the portal let it in (the last portal prompt is the PIN one). */
export function heardInside(leg: SimLeg | null): string[] {
  const heard = leg?.heard ?? [];
  return heard.slice(heard.lastIndexOf('enter-pin') + 1);
}
