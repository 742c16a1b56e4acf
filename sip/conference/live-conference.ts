import type { ParticipantRole } from '@/server/db/schema/conferences';
import type { Language } from '@/server/db/schema/tenants';
import type { Logger } from '@/server/lib/logger';
import type { Catalogue, PromptId } from '../prompts/catalogue';
import type { CallServices } from '../services';
import type { CallClock, CallLeg, MediaConference } from '../telephony/port';

/** C-3: how long the last participant hears the busy tone before being disconnected. */
const LAST_PARTICIPANT_GRACE_MS = 10_000;

export interface Joiner {
  leg: CallLeg;
  callerNumber: string | null;
  callerName: string | null;
  role: ParticipantRole;
  direction: 'inbound' | 'outbound';
  muted?: boolean;
}

export interface LiveConferenceContext {
  services: Pick<CallServices, 'recordJoin' | 'recordLeave' | 'closeConference'>;
  clock: CallClock;
  catalogue: Catalogue;
  log: Logger;
}

interface Member {
  participantId: string;
  leg: CallLeg;
}

/**
 * One running conference: keeps its members (never the media server's control member), writes
 * each join and leave as it happens (H-1), plays music to a lone first caller (C-1), a tone on
 * every join and leave (C-2), and drops the last one after a busy tone (C-3, A-3).
 */
export class LiveConference {
  private lockedNow = false;
  private members = new Map<number, Member>();
  private leftBeforeRecorded = new Set<number>();
  private hadCompany = false;
  private joins = 0;
  private closed = false;

  constructor(
    readonly id: string,
    readonly media: MediaConference,
    private readonly tenant: { id: string; language: Language },
    private readonly ctx: LiveConferenceContext,
    private readonly onClosed: () => void,
  ) {
    media.on('memberLeft', (memberId) => {
      this.memberLeft(memberId).catch((err) => ctx.log.error({ err, memberId }, 'recording a leave failed'));
    });
  }

  /** C-6: a locked conference admits nobody new (D-4). */
  get locked(): boolean {
    return this.lockedNow;
  }

  async setLocked(locked: boolean): Promise<void> {
    await (locked ? this.media.lock() : this.media.unlock());
    this.lockedNow = locked;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get size(): number {
    return this.members.size;
  }

  async add(joiner: Joiner): Promise<void> {
    const joinedAt = this.ctx.clock.now();
    // The second caller must not hear the first one's music (C-1).
    const endsSolitude = this.members.size === 1 && !this.hadCompany;
    if (endsSolitude) {
      this.hadCompany = true;
      await this.media.stopMusic();
    }
    const memberId = await this.media
      .join(joiner.leg, { muted: joiner.muted ?? false, moderator: joiner.role !== 'participant' })
      .catch(async (err) => {
        // A conference nobody could join is over at once, not left open in the records.
        if (this.members.size === 0) await this.close('join-failed');
        throw err;
      });
    const participantId = await this.ctx.services.recordJoin({
      tenantId: this.tenant.id,
      conferenceId: this.id,
      callId: joiner.leg.callId,
      sipDialogId: joiner.leg.dialogId,
      callerNumber: joiner.callerNumber,
      callerName: joiner.callerName,
      role: joiner.role,
      direction: joiner.direction,
      joinedAt,
    });
    // The media server may report the leave before the join is recorded (a caller who hung up at once).
    if (this.leftBeforeRecorded.delete(memberId)) {
      await this.ctx.services.recordLeave(participantId, this.ctx.clock.now(), 'hangup');
      if (this.members.size === 0) await this.close('empty');
      return;
    }
    this.members.set(memberId, { participantId, leg: joiner.leg });
    this.joins++;
    if (this.members.size === 1 && !this.hadCompany) return this.media.startMusic(this.prompt('music'));
    this.tone('join-tone');
  }

  /**
   * Ends it for everyone: records first, then hangs up the legs still in, all at once, then ends
   * the media conference. Nothing here waits for the media server to finish (TELEPHONY.md).
   */
  async close(reason: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClosed();
    await this.ctx.services.closeConference(this.id, this.ctx.clock.now(), reason);
    const members = [...this.members.values()];
    this.members.clear();
    await Promise.all(members.map((member) => member.leg.hangup()));
    await this.media.destroy();
    this.ctx.log.info({ conferenceId: this.id, reason }, 'conference ended');
  }

  async announce(id: PromptId): Promise<void> {
    await this.media.play(this.prompt(id));
  }

  private async memberLeft(memberId: number): Promise<void> {
    const leftAt = this.ctx.clock.now();
    const member = this.members.get(memberId);
    if (!member) {
      if (!this.closed) this.leftBeforeRecorded.add(memberId);
      return;
    }
    this.members.delete(memberId);
    await this.ctx.services.recordLeave(member.participantId, leftAt, 'hangup');
    if (this.closed) return;
    if (this.members.size === 0) return this.close('empty');
    this.tone('leave-tone');
    if (this.members.size === 1 && this.hadCompany) await this.lastParticipant();
  }

  private async lastParticipant(): Promise<void> {
    const joinsBefore = this.joins;
    this.tone('busy-tone');
    await this.ctx.clock.sleep(LAST_PARTICIPANT_GRACE_MS);
    // Someone joined during the busy tone: the conference goes on.
    if (this.closed || this.joins !== joinsBefore || this.members.size !== 1) return;
    await this.close('last-participant');
  }

  /** Tones are not awaited: a slow media server must not hold up the records. */
  private tone(id: PromptId): void {
    this.media.play(this.prompt(id)).catch((err) => this.ctx.log.warn({ err, prompt: id }, 'tone not played'));
  }

  private prompt(id: PromptId) {
    return this.ctx.catalogue.prompt(id, this.tenant.language);
  }
}
