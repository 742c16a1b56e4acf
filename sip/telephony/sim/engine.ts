import { randomUUID } from 'node:crypto';
import { SIMULATED_MEDIA_SERVER } from '@/server/conferences/records';
import {
  ConferenceExistsError,
  type DialOutcome,
  type DialOutRequest,
  type InboundCall,
  type SipAddress,
  type Telephony,
} from '../port';
import { VirtualClock } from './clock';
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

/** The in-memory telephony engine: scripted callers and callees on a virtual clock. */
export class SimEngine implements Telephony {
  readonly mediaServer = SIMULATED_MEDIA_SERVER;
  readonly conferences = new Map<string, SimConference>();
  readonly dialled: DialOutRequest[] = [];
  readonly callees = new Map<string, SimLeg>();

  constructor(
    readonly clock: VirtualClock,
    private readonly behaviours: ReadonlyMap<string, CalleeBehaviour> = new Map(),
    private readonly calleeScript: CallerScript = {},
  ) {}

  inbound(input: SimCallInput): SimCall {
    const outcome: Omit<SimCall, 'call'> = { refusedWith: null, leg: null };
    const callId = `sim-${randomUUID()}`;
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
        outcome.leg = new SimLeg(callId, this.clock, input);
        return outcome.leg;
      },
    };
    return Object.assign(outcome, { call });
  }

  /** A conference a crashed sip process left on the media server. */
  leaveBehind(name: string): SimConference {
    const conference = new SimConference(name);
    this.conferences.set(name, conference);
    return conference;
  }

  async createConference(name: string): Promise<SimConference> {
    const existing = this.conferences.get(name);
    if (existing && !existing.destroyed) throw new ConferenceExistsError(name);
    const conference = new SimConference(name);
    this.conferences.set(name, conference);
    return conference;
  }

  async clearConference(name: string): Promise<void> {
    await this.conferences.get(name)?.destroy();
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
    const leg = new SimLeg(`sim-${randomUUID()}`, this.clock, this.calleeScript);
    this.callees.set(number, leg);
    return { result: 'answered', leg };
  }
}
