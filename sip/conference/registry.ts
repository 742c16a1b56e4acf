import { randomUUID } from 'node:crypto';
import type { CallTenant } from '@/server/admission/tenant-lookup';
import { ADHOC_OPTIONS, type ConferenceOptions } from '@/server/conferences/options';
import type { OpenConferenceInput } from '@/server/conferences/records';
import type { CallServices } from '../services';
import type { Telephony } from '../telephony/port';
import { LiveConference, type LiveConferenceContext } from './live-conference';

export interface RegistryContext extends LiveConferenceContext {
  services: LiveConferenceContext['services'] & Pick<CallServices, 'openConference' | 'openRoomConference'>;
  telephony: Telephony;
  /** Recorded on each conference: the sip process that controls it. */
  sipInstance: string;
}

export class ConferenceElsewhereError extends Error {
  constructor(roomId: string, owner: string) {
    super(`the conference of room ${roomId} is run by sip instance ${owner}`);
  }
}

type ConferenceRecord = OpenConferenceInput & { id: string; mediaName: string };

/**
 * Each run of a conference has its own name on the media server, made from its record's id: a
 * new run never meets what an earlier run of the same room left there, however slowly FreeSWITCH
 * clears it (TELEPHONY.md: kicks are asynchronous).
 */
export const mediaNameOf = (conferenceId: string) => `conf-${conferenceId}`;

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
      const id = randomUUID();
      const record: ConferenceRecord = {
        ...fields,
        id,
        tenantId: tenant.id,
        mediaServer: this.ctx.telephony.mediaServer,
        sipInstance: this.ctx.sipInstance,
        mediaName: mediaNameOf(id),
        startedAt: this.ctx.clock.now(),
        joinLeaveTones: options.announceJoinLeave,
      };
      // The media conference first: a record always names one that exists or existed.
      const media = await this.ctx.telephony.createConference(record.mediaName);
      await this.claim(record).catch(async (err) => {
        await media.destroy();
        throw err;
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
   * Writes the record. A room whose conference another sip process runs on this media server is
   * not opened twice: that process keeps its callers, this caller is refused. A record whose
   * conference the media server no longer has is stale (its process died and nobody restarted it,
   * or the media server restarted): it is closed and the room opened here.
   */
  private async claim(record: ConferenceRecord): Promise<void> {
    const { roomId } = record;
    if (roomId === null) {
      await this.ctx.services.openConference(record);
      return;
    }
    for (let attempt = 1; ; attempt++) {
      const claim = await this.ctx.services.openRoomConference({ ...record, roomId });
      if (claim.opened) return;
      const running = claim.runningElsewhere;
      if (attempt > 1 || (await this.ctx.telephony.conferenceExists(running.mediaName))) throw new ConferenceElsewhereError(roomId, running.sipInstance);
      this.ctx.log.warn({ conferenceId: running.id, sipInstance: running.sipInstance }, 'closing the record of a conference the media server no longer has');
      await this.ctx.services.closeConference(running.id, this.ctx.clock.now(), 'media-lost');
    }
  }
}
