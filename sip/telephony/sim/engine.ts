import { randomUUID } from 'node:crypto';
import { SIMULATED_MEDIA_SERVER } from '@/server/conferences/records';
import {
  ConferenceExistsError,
  type DialOutcome,
  type DialOutRequest,
  type InboundCall,
  type Prompt,
  type CallClock,
  type SipAddress,
  type Telephony,
} from '../port';
import type { VirtualClock } from './clock';
import { SimConference } from './conference';
import { SimLeg, type CallerScript } from './leg';

export type CalleeBehaviour = 'answered' | 'busy' | 'no-answer';

const ANSWER_AFTER_MS = 3_000;
const BUSY_AFTER_MS = 1_000;

export interface SimCallInput extends CallerScript {
  dialled: string;
  from: SipAddress & { displayName?: string | null };
  privacy?: string | null;
  assertedIdentity?: SipAddress | null;
}

/** What happened to one simulated inbound call. */
export interface SimCall {
  call: InboundCall;
  refusedWith: number | null;
  leg: SimLeg | null;
}

export interface SimEngineOptions {
  /** How each dialled number behaves; numbers not listed answer. */
  answers?: ReadonlyMap<string, CalleeBehaviour>;
  callee?: CallerScript;
  /** Prompts (ids or URIs) whose files the simulated media server lacks. */
  missingPrompts?: Iterable<string>;
  /** The media server's name on conference rows; `simulator` (kept out of history) by default. */
  mediaServer?: string;
  /** The simulated media server cannot record (as FreeSWITCH answering an error to `recording start`). */
  recordingRefused?: boolean;
}

/**
 * The in-memory telephony engine: scripted callers and callees on a virtual clock. It stands for
 * drachtio-server and FreeSWITCH, which outlive a sip process: a restarted process (a new
 * Simulator on the same engine) finds the dialogs and conferences the dead one left.
 */
export class SimEngine<Clock extends CallClock = VirtualClock> implements Telephony {
  readonly mediaServer: string;
  /** Every conference by name, the ended ones too (for scenarios to read their log). */
  readonly conferences = new Map<string, SimConference>();
  readonly dialled: DialOutRequest[] = [];
  readonly callees = new Map<string, SimLeg>();
  readonly missingPrompts: Set<string>;
  private readonly recordingRefused: boolean;
  /** The SIP server's dialogs, by id: they survive the process that made them. */
  private readonly dialogs = new Map<string, SimLeg>();
  private readonly behaviours: ReadonlyMap<string, CalleeBehaviour>;
  private readonly calleeScript: CallerScript;

  constructor(
    readonly clock: Clock,
    options: SimEngineOptions = {},
  ) {
    this.mediaServer = options.mediaServer ?? SIMULATED_MEDIA_SERVER;
    this.behaviours = options.answers ?? new Map();
    this.calleeScript = options.callee ?? {};
    this.missingPrompts = new Set(options.missingPrompts ?? []);
    this.recordingRefused = options.recordingRefused ?? false;
  }

  inbound(input: SimCallInput, callId = `sim-${randomUUID()}`): SimCall {
    const outcome: Omit<SimCall, 'call'> = { refusedWith: null, leg: null };
    const call: InboundCall = {
      callId,
      dialled: input.dialled,
      from: { displayName: null, ...input.from },
      privacy: input.privacy ?? null,
      assertedIdentity: input.assertedIdentity ?? null,
      refuse: async (status) => {
        outcome.refusedWith = status;
      },
      answer: async () => {
        outcome.leg = this.leg(callId, 'uas', input);
        return outcome.leg;
      },
    };
    return Object.assign(outcome, { call });
  }

  /** A conference run by another sip process on this media server, or left by one that crashed. */
  leaveBehind(name: string): SimConference {
    const conference = this.conference(name);
    this.conferences.set(name, conference);
    return conference;
  }

  async createConference(name: string): Promise<SimConference> {
    if (await this.conferenceExists(name)) throw new ConferenceExistsError(name);
    return this.leaveBehind(name);
  }

  async conferenceExists(name: string): Promise<boolean> {
    const conference = this.conferences.get(name);
    return conference !== undefined && !conference.destroyed;
  }

  async clearConference(name: string): Promise<void> {
    await this.conferences.get(name)?.destroy();
  }

  async endLeftoverDialog(dialogId: string): Promise<boolean> {
    const leg = this.dialogs.get(dialogId);
    if (!leg?.active) return false;
    await leg.hangup();
    return true;
  }

  /** The sip process using this engine died: legs and conferences stay, its listeners are gone. */
  processDied(): void {
    for (const leg of this.dialogs.values()) leg.detach();
    for (const conference of this.conferences.values()) conference.detach();
  }

  async dialOut(request: DialOutRequest): Promise<DialOutcome> {
    this.dialled.push(request);
    const number = /^sips?:([^@]+)@/.exec(request.uri)?.[1] ?? request.uri;
    const behaviour = this.behaviours.get(number) ?? 'answered';
    if (behaviour === 'busy') {
      await this.clock.sleep(BUSY_AFTER_MS);
      return { result: 'busy' };
    }
    if (behaviour === 'no-answer' || ANSWER_AFTER_MS >= request.timeoutMs) {
      await this.clock.sleep(request.timeoutMs);
      return { result: 'no-answer' };
    }
    await this.clock.sleep(ANSWER_AFTER_MS);
    const leg = this.leg(`sim-${randomUUID()}`, 'uac', this.calleeScript);
    this.callees.set(number, leg);
    return { result: 'answered', leg };
  }

  private readonly missing = (prompt: Prompt) => this.missingPrompts.has(prompt.id) || this.missingPrompts.has(prompt.uri);

  private leg(callId: string, side: 'uas' | 'uac', script: CallerScript): SimLeg {
    const leg = new SimLeg(callId, `${callId};${side}`, this.clock, script, this.missing);
    this.dialogs.set(leg.dialogId, leg);
    return leg;
  }

  private conference(name: string): SimConference {
    return new SimConference(name, this.clock, this.missing, this.recordingRefused);
  }
}
