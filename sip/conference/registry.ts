import { randomUUID } from 'node:crypto';
import type { CallTenant } from '@/server/admission/tenant-lookup';
import { ADHOC_OPTIONS, type ConferenceOptions } from '@/server/conferences/options';
import type { OpenConferenceInput } from '@/server/conferences/records';
import type { ActionBy } from '@/server/conferences/live-state';
import type { ConferenceCommand } from '@/server/db/schema';
import { applyDialOutPolicy } from '@/server/dialout/number-class';
import { outboundUri } from '@/server/dialout/route';
import type { CommandHandler, CommandResult } from '@/server/live/commands';
import type { CallServices } from '../services';
import type { Telephony } from '../telephony/port';
import { executeCommand } from './commands';
import { LiveConference, type LiveConferenceContext } from './live-conference';

/** a callee who has not answered within 30 s is not added. */
const DIAL_OUT_TIMEOUT_MS = 30_000;
const PHONE_NUMBER = /^\+?[0-9]{2,20}$/;

export interface RegistryContext extends LiveConferenceContext {
  services: LiveConferenceContext['services'] & Pick<CallServices, 'openConference' | 'openRoomConference' | 'extensionNumbers' | 'recordDialProgress'>;
  telephony: Telephony;
  /** Recorded on each conference: the sip process that controls it. */
  sipInstance: string;
  /** Recorded on each conference: run on the simulated engine (SIP_ENGINE=simulated). */
  simulated?: boolean;
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

/**
 * The conferences this sip process runs; callers of one room meet in one conference. It also
 * answers the commands sent to this process (L-2) for them.
 */
export class ConferenceRegistry implements CommandHandler {
  private live = new Map<string, Promise<LiveConference>>();
  private byId = new Map<string, { conference: LiveConference; tenant: CallTenant }>();

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

  /** L-2: a command from the web for one of this process's conferences. */
  async execute(command: ConferenceCommand): Promise<CommandResult> {
    const running = this.byId.get(command.conferenceId);
    if (!running || running.conference.isClosed || running.tenant.id !== command.tenantId) return { result: 'conference-ended', message: 'The conference has ended' };
    return executeCommand(running.conference, command, (number, by) => this.dial(running.conference, running.tenant, number, by), this.ctx.log);
  }

  /**
   * L-2 add a participant by calling a number, under the tenant's dial-out policy. Answers
   * `dialing` at once; the progress (ringing, answered, busy, no-answer) follows as events and
   * the callee joins when answering.
   */
  private async dial(conference: LiveConference, tenant: CallTenant, number: unknown, by: ActionBy): Promise<CommandResult> {
    if (typeof number !== 'string' || !PHONE_NUMBER.test(number)) {
      await conference.log(by, 'dial', 'failed');
      return { result: 'failed', message: 'number: not a phone number' };
    }
    const [decision] = applyDialOutPolicy([number], tenant.dialOutClasses, await this.ctx.services.extensionNumbers(tenant.id));
    if (!decision.allowed) {
      await conference.log(by, 'dial', 'denied');
      return { result: 'failed', message: "the tenant's dial-out policy does not allow this number" };
    }
    await conference.log(by, 'dial', 'dialing');
    const progress = (state: 'ringing' | 'answered' | 'busy' | 'no-answer' | 'failed', participantId?: string) =>
      this.ctx.services.recordDialProgress({ tenantId: tenant.id, conferenceId: conference.id, at: this.ctx.clock.now(), number, state, ...(participantId ? { participantId } : {}) });
    await progress('ringing');
    void this.callOut(conference, tenant, number, progress).catch((err) => this.ctx.log.error({ err, conferenceId: conference.id }, 'dial-out failed'));
    return { result: 'dialing' };
  }

  private async callOut(
    conference: LiveConference,
    tenant: CallTenant,
    number: string,
    progress: (state: 'answered' | 'busy' | 'no-answer' | 'failed', participantId?: string) => Promise<void>,
  ): Promise<void> {
    // The bridge calls as the room (or the tenant) so the callee sees who calls.
    const identity = `<sip:${conference.setup.roomNumber ?? 'conference'}@${tenant.sipDomain}>`;
    const outcome = await this.ctx.telephony
      .dialOut({ uri: outboundUri(number, tenant), headers: { From: identity, 'P-Asserted-Identity': identity }, timeoutMs: DIAL_OUT_TIMEOUT_MS })
      .catch((err) => {
        this.ctx.log.warn({ err, number }, 'dial-out not placed');
        return { result: 'failed' as const };
      });
    if (outcome.result !== 'answered') return progress(outcome.result);
    // The conference may have ended while the phone was ringing.
    if (conference.isClosed) {
      await outcome.leg.hangup();
      return progress('failed');
    }
    const participantId = await conference.add({ leg: outcome.leg, callerNumber: number, callerName: null, role: 'participant', direction: 'outbound' });
    await progress('answered', participantId ?? undefined);
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
        simulated: this.ctx.simulated ?? false,
      };
      // The media conference first: a record always names one that exists or existed.
      const media = await this.ctx.telephony.createConference(record.mediaName);
      await this.claim(record).catch(async (err) => {
        await media.destroy();
        throw err;
      });
      const conference = new LiveConference(id, media, tenant, { roomId: fields.roomId, roomNumber: fields.roomNumber, options }, this.ctx, () => {
        if (this.live.get(key) === starting) this.live.delete(key);
        this.byId.delete(id);
      });
      this.byId.set(id, { conference, tenant });
      return conference;
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
