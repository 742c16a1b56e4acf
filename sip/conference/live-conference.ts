import type { ActionBy, ActionResult } from '@/server/conferences/live-state';
import type { ConferenceOptions } from '@/server/conferences/options';
import type { ParticipantRole } from '@/server/db/schema/conferences';
import type { Language } from '@/server/db/schema/tenants';
import type { Logger } from '@/server/lib/logger';
import type { MediaFiles, RecordingFile } from '../media/files';
import type { Catalogue, PromptId } from '../prompts/catalogue';
import type { CallServices } from '../services';
import type { CallClock, CallLeg, MediaConference } from '../telephony/port';
import { KeypadReader } from './keypad';
import { KeypadMenu } from './keypad-menu';
import { TalkingRecorder } from './talking';

/** C-3: how long the last participant hears the busy tone before being disconnected. */
const LAST_PARTICIPANT_GRACE_MS = 10_000;
/** REC-1: a recording stops by itself after 7 hours. */
export const MAX_RECORDING_MS = 7 * 60 * 60_000;
/** How often a running recording looks at its age: short, so a stopped one leaves no long timer behind. */
const RECORDING_CHECK_MS = 60_000;

export interface Joiner {
  leg: CallLeg;
  callerNumber: string | null;
  callerName: string | null;
  role: ParticipantRole;
  direction: 'inbound' | 'outbound';
}

export interface LiveConferenceContext {
  services: Pick<
    CallServices,
    | 'recordJoin'
    | 'recordLeave'
    | 'closeConference'
    | 'setMuted'
    | 'setHandRaised'
    | 'setRole'
    | 'setLocked'
    | 'setPaused'
    | 'setJoinLeaveTones'
    | 'setTalking'
    | 'logAction'
    | 'checkModeratorPin'
    | 'recordingStarted'
    | 'recordingStopped'
  >;
  /** Where the media server records (the shared media folder). */
  media: Pick<MediaFiles, 'recording'>;
  clock: CallClock;
  catalogue: Catalogue;
  log: Logger;
}

/** What the conference runs on: its room (null for ad-hoc) and the room's options. */
export interface ConferenceSetup {
  roomId: string | null;
  /** The room's number (null for ad-hoc): dial-outs from the live page call as it. */
  roomNumber?: string | null;
  options: ConferenceOptions;
}

/** D-4, C-6, room option maxParticipants: whether the portal's caller got in. */
export type Admission = 'admitted' | 'locked' | 'full';

/** One caller inside: its records, its own choices, and what the media server does with it. */
export interface Member {
  readonly memberId: number;
  readonly participantId: string;
  readonly leg: CallLeg;
  readonly callerNumber: string | null;
  readonly keypad: KeypadReader;
  role: ParticipantRole;
  /** The caller's microphone as they (or a moderator) set it (C-4); stored in participants.muted. */
  muted: boolean;
  /** What the media server does now: muted by choice, while paused, or while waiting for a moderator. */
  mediaMuted: boolean;
  handRaised: boolean;
  /** Why it leaves when the bridge removes it (`kicked`); a caller who hangs up leaves with `hangup`. */
  leaveReason: string | null;
}

export const isModerator = (role: ParticipantRole) => role !== 'participant';

/**
 * One running conference: keeps its members (never the media server's control member), writes
 * each join, leave and change of state as it happens (H-1, L-1), plays music to a lone first
 * caller (C-1), a tone on every join and leave (C-2), drops the last one after a busy tone (C-3,
 * A-3), and applies the room's options (C-7) and the keypad (C-4, C-5, through KeypadMenu).
 *
 * State changes are made in memory first, at once, then `reconcile()` brings the media server in
 * line with them, one pass after another; the database is written after the media server, so a
 * row never says what callers do not hear.
 */
export class LiveConference {
  private lockedNow = false;
  private pausedNow = false;
  private tonesOn: boolean;
  private recordingNow = false;
  /** REC-1: recording asked for (room option, `*7`, the live page); it runs while two callers are in. */
  private recordWanted: boolean;
  private recording: { id: string; file: RecordingFile; startedAt: Date } | null = null;
  private recordingPass: Promise<void> = Promise.resolve();
  private moderatorCame = false;
  private ending = false;
  private musicOn = false;
  private members = new Map<number, Member>();
  /** Callers admitted whose join is under way: they count for the limit and for the music. */
  private arriving = new Set<object>();
  private leftBeforeRecorded = new Set<number>();
  private hadCompany = false;
  private joins = 0;
  private closed = false;
  private reconciling: Promise<void> = Promise.resolve();
  private readonly menu: KeypadMenu;
  private readonly talking: TalkingRecorder;

  constructor(
    readonly id: string,
    readonly media: MediaConference,
    private readonly tenant: { id: string; language: Language },
    readonly setup: ConferenceSetup,
    private readonly ctx: LiveConferenceContext,
    private readonly onClosed: () => void,
  ) {
    this.tonesOn = setup.options.announceJoinLeave;
    this.recordWanted = setup.options.recordFromStart;
    this.menu = new KeypadMenu(this);
    this.talking = new TalkingRecorder(
      ctx.clock,
      (changes) => ctx.services.setTalking(tenant.id, id, changes, ctx.clock.now()),
      (err) => ctx.log.warn({ err, conferenceId: id }, 'talking state not written'),
    );
    media.on('memberLeft', (memberId) => {
      this.memberLeft(memberId).catch((err) => ctx.log.error({ err, memberId }, 'recording a leave failed'));
    });
    media.on('talking', (memberId, talking) => {
      const member = this.members.get(memberId);
      if (member) this.talking.report(member.participantId, talking);
    });
  }

  /** C-6: a locked conference admits nobody new (D-4). */
  get locked(): boolean {
    return this.lockedNow;
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  /** Recording asked for: it runs, or starts as soon as two callers are in. */
  get recordingWanted(): boolean {
    return this.recordWanted;
  }

  get joinLeaveTones(): boolean {
    return this.tonesOn;
  }

  /** Ending for everyone (`*0`, last moderator gone) counts as closed: the next caller starts a new run. */
  get isClosed(): boolean {
    return this.closed || this.ending;
  }

  /** How many callers are in the mix now (`*1`). */
  get size(): number {
    return this.members.size;
  }

  /** C-7: participants wait with music until the first moderator comes. */
  get waiting(): boolean {
    return this.setup.options.waitForModerator && !this.moderatorCame;
  }

  /** The portal's door: locked (C-6) or full (maxParticipants) conferences refuse the caller. */
  async admit(joiner: Joiner): Promise<Admission> {
    if (this.lockedNow) return 'locked';
    if (this.members.size + this.arriving.size >= this.setup.options.maxParticipants) return 'full';
    await this.add(joiner);
    return 'admitted';
  }

  /** The participant's id, or null when the caller left before being recorded in. */
  async add(joiner: Joiner): Promise<string | null> {
    const joinedAt = this.ctx.clock.now();
    const arrival = {};
    this.arriving.add(arrival);
    try {
      return await this.join(joiner, joinedAt, arrival);
    } finally {
      this.arriving.delete(arrival);
    }
  }

  /**
   * Ends it for everyone: records first, then hangs up the legs still in, all at once, then ends
   * the media conference. Nothing here waits for the media server to finish (TELEPHONY.md).
   */
  async close(reason: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClosed();
    // Stopped before the conference ends: its stop time is the conference's end, and the worker gets it at once.
    await this.syncRecording();
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

  /** The callers present who are not moderators (`*3`). */
  participants(): Member[] {
    return [...this.members.values()].filter((m) => !isModerator(m.role));
  }

  /** C-4 `*2` for oneself, C-5 `*3` for every non-moderator: each one whose microphone changes is told. */
  async setMuted(targets: Member[], muted: boolean, by: ActionBy, action: string, about: Member | null): Promise<void> {
    const changed = targets.filter((m) => m.muted !== muted && this.isPresent(m));
    for (const member of changed) member.muted = muted;
    await this.reconcile();
    await this.ctx.services.setMuted({
      ...this.change(by),
      participantIds: changed.map((m) => m.participantId),
      muted,
      action,
      participantId: about?.participantId ?? null,
    });
    for (const member of changed) await this.tell(member, [muted ? 'you-are-muted' : 'you-are-unmuted']);
  }

  /** `*8`: a raised hand rings a tone to the moderators (live page later). */
  async setHandRaised(member: Member, raised: boolean, by: ActionBy): Promise<void> {
    member.handRaised = raised;
    await this.ctx.services.setHandRaised({ ...this.change(by), participantId: member.participantId, raised });
    if (!raised) return;
    for (const moderator of this.members.values()) if (moderator !== member && isModerator(moderator.role)) await this.tell(moderator, ['hand-tone']);
  }

  /** `*9` + PIN (C-4), L-2 promote: a moderator now; the first one ends the wait (C-7). */
  async promote(member: Member, by: ActionBy, action?: string): Promise<void> {
    member.role = 'moderator';
    const endsWait = this.waiting;
    this.moderatorCame = true;
    this.noteCompany();
    await this.reconcile();
    await this.ctx.services.setRole({ ...this.change(by), participantId: member.participantId, role: 'moderator', action });
    if (endsWait) this.joinLeaveTone('join-tone');
    await this.syncRecording();
  }

  /** L-2 demote: a moderator becomes a participant again (the organizer stays organizer: the caller checks). */
  async demote(member: Member, by: ActionBy): Promise<void> {
    member.role = 'participant';
    await this.ctx.services.setRole({ ...this.change(by), participantId: member.participantId, role: 'participant', action: 'demote' });
  }

  /** L-2 kick: the media server removes the member; its leave is recorded as `kicked` when it comes. */
  async kick(member: Member, by: ActionBy): Promise<void> {
    member.leaveReason = 'kicked';
    await this.media.kick(member.memberId);
    await this.log(by, 'kick', 'ok', member);
  }

  /** The member a command names, while it is in this conference. */
  memberOf(participantId: string): Member | undefined {
    for (const member of this.members.values()) if (member.participantId === participantId) return member;
    return undefined;
  }

  /** `*6`, C-6: nobody new gets in while locked; everyone hears it. */
  async setLocked(locked: boolean, by: ActionBy): Promise<void> {
    await (locked ? this.media.lock() : this.media.unlock());
    this.lockedNow = locked;
    await this.ctx.services.setLocked({ ...this.change(by), locked });
    // Not awaited: FreeSWITCH resolves a conference-wide play once played, and a lock from the
    // live page is answered as soon as it holds (L-2, within the requester's 3 s), not after the prompt.
    void this.announceToAll(locked ? 'conference-locked' : 'conference-unlocked');
  }

  /** `*4`: music for everyone, nobody hears anyone; announced before the music, and after it. */
  async setPaused(paused: boolean, by: ActionBy): Promise<void> {
    if (paused) await this.announceToAll('conference-paused');
    this.pausedNow = paused;
    await this.reconcile();
    await this.ctx.services.setPaused({ ...this.change(by), paused });
    if (!paused) await this.announceToAll('conference-resumed');
  }

  /** `*5`: the join and leave tones (C-2). */
  async setJoinLeaveTones(on: boolean, by: ActionBy): Promise<void> {
    this.tonesOn = on;
    await this.ctx.services.setJoinLeaveTones({ ...this.change(by), on });
  }

  /** `*0`, L-2 end: the goodbye to everyone, then every call ends (`ended-by-moderator`, `ended-by-organizer`). */
  async endForEveryone(by: ActionBy, reason = 'ended-by-moderator'): Promise<void> {
    await this.log(by, 'end', 'ok');
    await this.endWith('conference-ended-by-moderator', reason);
  }

  /** REC-1 `*7`, L-2 record/stopRecord: asks for recording (or not); it runs only while two callers are in. */
  async setRecording(wanted: boolean, by: ActionBy, about: Member | null = null): Promise<boolean> {
    this.recordWanted = wanted;
    await this.syncRecording();
    // A start the media server refused leaves recording off (applyRecording).
    const done = this.recordWanted === wanted;
    await this.log(by, wanted ? 'record' : 'stop-record', done ? 'ok' : 'failed', about);
    return done;
  }

  /**
   * C-7, REC-1: when recording starts or stops the room's announceRecording option tells every
   * caller; callers who join while it runs are told before they enter.
   */
  private recordingChanged(on: boolean): void {
    this.recordingNow = on;
    if (this.setup.options.announceRecording) void this.announceToAll(on ? 'recording-started' : 'recording-stopped');
  }

  /** One start or stop at a time, in line with what is asked and who is in (REC-1). */
  private syncRecording(): Promise<void> {
    const pass = this.recordingPass.then(() => this.applyRecording());
    this.recordingPass = pass.catch((err) => this.ctx.log.error({ err, conferenceId: this.id }, 'recording not started or stopped'));
    return this.recordingPass;
  }

  private async applyRecording(): Promise<void> {
    const wanted = this.recordWanted && !this.closed && !this.ending && !this.waiting && this.members.size >= 2;
    if (wanted && !this.recording) {
      await this.startRecording().catch((err) => {
        this.recordWanted = false;
        this.ctx.log.error({ err, conferenceId: this.id }, 'the media server did not start recording');
      });
    } else if (!wanted && this.recording) await this.stopRecording();
  }

  private async startRecording(): Promise<void> {
    const file = await this.ctx.media.recording(this.tenant.id);
    const startedAt = this.ctx.clock.now();
    await this.media.startRecording(file.uri);
    const id = await this.ctx.services.recordingStarted({ tenantId: this.tenant.id, conferenceId: this.id, wavPath: file.path, startedAt });
    const run = { id, file, startedAt };
    this.recording = run;
    this.ctx.log.info({ conferenceId: this.id, recordingId: id }, 'recording started');
    void this.stopAfterLimit(run);
    // Not awaited: on FreeSWITCH a conference play resolves when the file has played, and a join
    // or a leave must not wait seconds for it.
    this.recordingChanged(true);
  }

  private async stopRecording(): Promise<void> {
    const run = this.recording!;
    this.recording = null;
    await this.media.stopRecording(run.file.uri);
    await this.ctx.services.recordingStopped(this.tenant.id, run.id, this.ctx.clock.now());
    this.ctx.log.info({ conferenceId: this.id, recordingId: run.id }, 'recording stopped');
    if (!this.closed) this.recordingChanged(false);
  }

  /** REC-1: at 7 hours the recording stops, and stays stopped until asked for again. */
  private async stopAfterLimit(run: NonNullable<LiveConference['recording']>): Promise<void> {
    while (this.recording === run) {
      const left = MAX_RECORDING_MS - (this.ctx.clock.now().getTime() - run.startedAt.getTime());
      if (left <= 0) {
        this.recordWanted = false;
        await this.syncRecording();
        return;
      }
      await this.ctx.clock.sleep(Math.min(left, RECORDING_CHECK_MS));
    }
  }

  /** Prompts to one caller only (keypad answers). A prompt that fails is logged, never fatal. */
  async tell(member: Member, ids: PromptId[]): Promise<void> {
    if (!this.isPresent(member)) return;
    await this.media
      .playTo(
        member.memberId,
        ids.map((id) => this.prompt(id)),
      )
      .catch((err) => this.ctx.log.warn({ err, prompts: ids }, 'prompt to a member not played'));
  }

  /** A line in the action log for what changed nothing stored (L-2). */
  async log(by: ActionBy, action: string, result: ActionResult, about: Member | string | null = null): Promise<void> {
    const participantId = typeof about === 'string' ? about : (about?.participantId ?? null);
    await this.ctx.services.logAction({ ...this.change(by), action, result, participantId });
  }

  checkModeratorPin(member: Member, pin: string) {
    return this.ctx.services.checkModeratorPin(this.tenant.id, this.setup.roomId, pin, { number: member.callerNumber }, this.ctx.clock.now());
  }

  private async join(joiner: Joiner, joinedAt: Date, arrival: object): Promise<string | null> {
    const moderator = isModerator(joiner.role);
    if (moderator) this.moderatorCame = true;
    const muted = this.setup.options.enterMuted && !moderator;
    await this.introduce(joiner.leg, muted);
    // The second caller must not hear the first one's music (C-1): the mix changes before the join.
    this.noteCompany();
    await this.reconcile();
    const mediaMuted = this.mediaMuteOf({ muted });
    const memberId = await this.media.join(joiner.leg, { muted: mediaMuted, moderator }).catch(async (err) => {
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
      muted,
    });
    // The media server may report the leave before the join is recorded (a caller who hung up at once).
    if (this.leftBeforeRecorded.delete(memberId)) {
      await this.ctx.services.recordLeave(participantId, this.ctx.clock.now(), 'hangup');
      if (this.members.size === 0) await this.close('empty');
      return null;
    }
    const member: Member = {
      memberId,
      participantId,
      leg: joiner.leg,
      callerNumber: joiner.callerNumber,
      keypad: new KeypadReader(this.ctx.clock, (input) => this.keypadInput(member, input)),
      role: joiner.role,
      muted,
      mediaMuted,
      handRaised: false,
      leaveReason: null,
    };
    this.members.set(memberId, member);
    // In now: no longer arriving, or a lone first caller would count twice below and lose the music (C-1).
    this.arriving.delete(arrival);
    joiner.leg.onDigit((key) => member.keypad.press(key));
    this.joins++;
    await this.reconcile();
    await this.syncRecording();
    const aloneWithMusic = this.members.size === 1 && !this.hadCompany;
    if (!aloneWithMusic) this.joinLeaveTone('join-tone');
    return participantId;
  }

  /** Before entering: recording consent, then why there is music or why nobody hears them (C-7). */
  private async introduce(leg: CallLeg, muted: boolean): Promise<void> {
    const ids: PromptId[] = [];
    if (this.recordingNow && this.setup.options.announceRecording) ids.push('recording-in-progress');
    if (this.waiting) ids.push('waiting-for-moderator');
    else if (muted) ids.push('entered-muted');
    if (ids.length === 0) return;
    await leg.play(ids.map((id) => this.prompt(id))).catch((err) => this.ctx.log.warn({ err, prompts: ids }, 'entry prompt not played'));
  }

  private keypadInput(member: Member, input: Parameters<KeypadMenu['handle']>[1]): void {
    if (!this.isPresent(member) || this.isClosed) return;
    this.menu.handle(member, input).catch((err) => this.ctx.log.error({ err, input }, 'keypad command failed'));
  }

  private async memberLeft(memberId: number): Promise<void> {
    const leftAt = this.ctx.clock.now();
    const member = this.members.get(memberId);
    if (!member) {
      if (!this.closed) this.leftBeforeRecorded.add(memberId);
      return;
    }
    this.members.delete(memberId);
    member.keypad.stop();
    await this.talking.forget(member.participantId);
    await this.ctx.services.recordLeave(member.participantId, leftAt, member.leaveReason ?? 'hangup');
    if (this.closed || this.ending) return;
    if (this.members.size === 0) return this.close('empty');
    if (isModerator(member.role) && this.setup.options.endWhenLastModeratorLeaves && !this.hasModerator()) {
      return this.endWith('moderator-left-conference-over', 'last-moderator-left');
    }
    this.joinLeaveTone('leave-tone');
    await this.reconcile();
    await this.syncRecording();
    if (this.members.size === 1 && this.hadCompany) await this.lastParticipant();
  }

  private async lastParticipant(): Promise<void> {
    const joinsBefore = this.joins;
    this.tone('busy-tone');
    await this.ctx.clock.sleep(LAST_PARTICIPANT_GRACE_MS);
    // Someone joined during the busy tone: the conference goes on.
    if (this.isClosed || this.joins !== joinsBefore || this.members.size !== 1) return;
    await this.close('last-participant');
  }

  private async endWith(id: PromptId, reason: string): Promise<void> {
    if (this.isClosed) return;
    this.ending = true;
    // Music must stop first: conference-wide prompts wait behind it on FreeSWITCH.
    await this.reconcile();
    await this.announceToAll(id);
    await this.announceToAll('goodbye');
    await this.close(reason);
  }

  /**
   * One pass at a time: brings music and each member's media mute in line with the state. Music
   * stops before anyone is unmuted and starts after everyone is muted, so nobody hears the others
   * over it.
   */
  private reconcile(): Promise<void> {
    const pass = this.reconciling.then(() => this.applyMix());
    this.reconciling = pass.catch((err) => this.ctx.log.error({ err, conferenceId: this.id }, 'mix not applied'));
    return pass;
  }

  private async applyMix(): Promise<void> {
    const music = this.musicWanted();
    if (!music && this.musicOn) {
      this.musicOn = false;
      await this.media.stopMusic().catch((err) => this.ctx.log.warn({ err }, 'music not stopped'));
    }
    for (const member of this.members.values()) {
      const muted = this.mediaMuteOf(member);
      if (muted === member.mediaMuted) continue;
      member.mediaMuted = muted;
      await (muted ? this.media.mute(member.memberId) : this.media.unmute(member.memberId)).catch((err) =>
        this.ctx.log.warn({ err, memberId: member.memberId }, 'member mute not applied'),
      );
    }
    if (music && !this.musicOn) {
      this.musicOn = true;
      await this.media.startMusic(this.prompt('music')).catch((err) => this.ctx.log.warn({ err }, 'music not started'));
    }
  }

  private musicWanted(): boolean {
    if (this.ending || this.closed) return false;
    if (this.pausedNow || this.waiting) return true;
    return this.members.size + this.arriving.size === 1 && !this.hadCompany;
  }

  private mediaMuteOf(member: Pick<Member, 'muted'>): boolean {
    return member.muted || this.pausedNow || this.waiting;
  }

  /** Company means two callers who can hear each other: from then on, the last one left is dropped (C-3). */
  private noteCompany(): void {
    if (!this.waiting && this.members.size + this.arriving.size >= 2) this.hadCompany = true;
  }

  private hasModerator(): boolean {
    return [...this.members.values()].some((m) => isModerator(m.role));
  }

  private isPresent(member: Member): boolean {
    return this.members.get(member.memberId) === member;
  }

  private change(by: ActionBy) {
    return { tenantId: this.tenant.id, conferenceId: this.id, at: this.ctx.clock.now(), by };
  }

  private async announceToAll(id: PromptId): Promise<void> {
    await this.toAll(id).catch((err) => this.ctx.log.warn({ err, prompt: id }, 'announcement not played'));
  }

  /**
   * On FreeSWITCH a conference-wide play waits behind the music until the music stops; while it
   * plays (pause, waiting), each member gets the prompt on its own, over the music.
   */
  private async toAll(id: PromptId): Promise<void> {
    if (!this.musicOn) return this.media.play(this.prompt(id));
    for (const member of this.members.values()) await this.media.playTo(member.memberId, [this.prompt(id)]);
  }

  /** C-2, unless turned off (room option, `*5`); callers waiting for a moderator hear music, not each other come and go. */
  private joinLeaveTone(id: 'join-tone' | 'leave-tone'): void {
    if (this.tonesOn && !this.waiting) this.tone(id);
  }

  /** Tones are not awaited: a slow media server must not hold up the records. */
  private tone(id: PromptId): void {
    this.toAll(id).catch((err) => this.ctx.log.warn({ err, prompt: id }, 'tone not played'));
  }

  private prompt(id: PromptId) {
    return this.ctx.catalogue.prompt(id, this.tenant.language);
  }
}
