import { randomUUID } from 'node:crypto';
import type { CallTenant } from '@/server/admission/tenant-lookup';
import { ADHOC_OPTIONS, type ConferenceOptions } from '@/server/conferences/options';
import type { OpenConferenceInput } from '@/server/conferences/records';
import type { CallServices } from '../services';
import { ConferenceExistsError, type MediaConference, type Telephony } from '../telephony/port';
import { LiveConference, type LiveConferenceContext } from './live-conference';

export interface RegistryContext extends LiveConferenceContext {
  services: LiveConferenceContext['services'] & Pick<CallServices, 'openConference' | 'openConferenceOwner'>;
  telephony: Telephony;
  /** Recorded on each conference: the sip process that controls it. */
  sipInstance: string;
}

export class ConferenceElsewhereError extends Error {
  constructor(name: string, owner: string) {
    super(`conference ${name} is run by sip instance ${owner}`);
  }
}

/** The conferences this sip process runs; callers of one room meet in one conference. */
export class ConferenceRegistry {
  private live = new Map<string, Promise<LiveConference>>();

  constructor(private readonly ctx: RegistryContext) {}

  /** `options` apply when this caller starts the room's conference; a running one keeps its own. */
  async forRoom(tenant: CallTenant, room: { roomId: string; roomNumber: string }, options: ConferenceOptions): Promise<LiveConference> {
    const key = `room-${room.roomId}`;
    const existing = this.live.get(key);
    if (existing) {
      const conference = await existing;
      if (!conference.isClosed) return conference;
    }
    return this.start(key, tenant, { kind: 'room', roomId: room.roomId, roomNumber: room.roomNumber, organizerExtension: null }, options);
  }

  startAdhoc(tenant: CallTenant, organizerExtension: string): Promise<LiveConference> {
    return this.start(`adhoc-${randomUUID()}`, tenant, { kind: 'adhoc', roomId: null, roomNumber: null, organizerExtension }, ADHOC_OPTIONS);
  }

  /** Every conference still running, for draining on shutdown. */
  async running(): Promise<LiveConference[]> {
    const all = await Promise.allSettled(this.live.values());
    return all.flatMap((r) => (r.status === 'fulfilled' && !r.value.isClosed ? [r.value] : []));
  }

  private start(
    key: string,
    tenant: CallTenant,
    fields: Pick<OpenConferenceInput, 'kind' | 'roomId' | 'roomNumber' | 'organizerExtension'>,
    options: ConferenceOptions,
  ): Promise<LiveConference> {
    const starting = (async () => {
      const media = await this.openMedia(key);
      const id = await this.ctx.services.openConference({
        ...fields,
        tenantId: tenant.id,
        mediaServer: this.ctx.telephony.mediaServer,
        sipInstance: this.ctx.sipInstance,
        mediaName: key,
        startedAt: this.ctx.clock.now(),
        joinLeaveTones: options.announceJoinLeave,
      });
      return new LiveConference(id, media, tenant, { roomId: fields.roomId, options }, this.ctx, () => {
        if (this.live.get(key) === starting) this.live.delete(key);
      });
    })();
    this.live.set(key, starting);
    starting.catch(() => this.live.delete(key));
    return starting;
  }

  /**
   * fsmrf refuses a name FreeSWITCH already has ("conference exists"). Left by a sip process that
   * died, nobody is in it and it is cleared; run by another live sip process, its callers are
   * not cut off: this caller is refused instead.
   */
  private async openMedia(name: string): Promise<MediaConference> {
    try {
      return await this.ctx.telephony.createConference(name);
    } catch (error) {
      if (!(error instanceof ConferenceExistsError)) throw error;
      const owner = await this.ctx.services.openConferenceOwner(name);
      if (owner && owner !== this.ctx.sipInstance) throw new ConferenceElsewhereError(name, owner);
      this.ctx.log.warn({ conference: name }, 'clearing a conference left behind on the media server');
      await this.ctx.telephony.clearConference(name);
      return this.ctx.telephony.createConference(name);
    }
  }
}
