import { z } from 'zod';
import type { SimulatedCallRequest } from '@/server/db/schema';
import type { SimulatedCallAnswer, SimulatedCallHandler } from '@/server/live/simulated-calls';
import { parseInput } from '@/server/lib/validation';
import { handleCall } from '../../app';
import type { CallDeps } from '../../deps';
import type { CallClock } from '../port';
import type { SimEngine, SimCall } from './engine';
import { simulateCallSchema } from './simulate-call';

/** `call place` options, checked by the CLI and again here (the row may come from elsewhere). */
export const placeCallSchema = simulateCallSchema.pick({ to: true, from: true, fromDomain: true, dtmf: true });
export const keysSchema = z.object({ keys: z.string().regex(/^[0-9*#]{1,40}$/, 'field.invalid') });
export const talkSchema = z.object({ on: z.boolean('field.invalid') });

/** Ended calls are kept this long for `call heard`, then forgotten. */
const KEEP_ENDED_MS = 60 * 60_000;

export type SimulatedCallState = 'menu' | 'conference' | 'ended';

/**
 * The callers of a sip process on the simulated engine (SIP_ENGINE=simulated): real routing,
 * menus and conferences in real time, with people who stay until `call hangup`, a kick or the
 * end of their conference, type keys and speak when told, and remember every prompt they heard.
 */
export class LiveSimulatedCallers implements SimulatedCallHandler {
  private readonly calls = new Map<string, SimCall>();

  constructor(
    private readonly engine: SimEngine<CallClock>,
    private readonly deps: CallDeps,
    private readonly participantOfCall: (conferenceId: string, callId: string) => Promise<string | null>,
  ) {}

  async handle(request: SimulatedCallRequest): Promise<SimulatedCallAnswer> {
    const callId = request.callId ?? '';
    if (request.kind === 'place') return this.place(callId, parseInput(placeCallSchema, request.args));
    const sim = this.calls.get(callId);
    if (!sim) throw new Error(`no simulated call ${callId} on this process`);
    const leg = sim.leg;
    switch (request.kind) {
      case 'keys':
        if (!leg?.active) throw new Error('the call has ended');
        await leg.press(parseInput(keysSchema, request.args).keys);
        return { callId, state: this.stateOf(sim) };
      case 'talk': {
        const { on } = parseInput(talkSchema, request.args);
        const conference = leg?.conferenceName ? this.engine.conferences.get(leg.conferenceName) : undefined;
        const memberId = leg && conference ? conference.memberOf(leg) : null;
        if (!conference || memberId === null) throw new Error('the call is not in a conference');
        conference.talk(memberId, on);
        return { callId, talking: on, muted: conference.members.get(memberId)?.flags.muted ?? false };
      }
      case 'hangup':
        leg?.hangUp();
        return { callId, state: 'ended' };
      case 'heard':
        return { callId, state: this.stateOf(sim), prompts: [...(leg?.heard ?? [])], endedBy: leg?.endedBy ?? null };
    }
  }

  private async place(callId: string, input: z.infer<typeof placeCallSchema>): Promise<SimulatedCallAnswer> {
    this.forgetOldCalls();
    const anonymous = input.from.toLowerCase() === 'anonymous';
    const sim = this.engine.inbound(
      {
        dialled: input.to,
        from: { user: input.from, host: input.fromDomain ?? (anonymous ? 'anonymous.invalid' : 'pstn.invalid') },
        dtmf: input.dtmf,
        stays: true,
      },
      callId,
    );
    this.calls.set(callId, sim);
    const outcome = await handleCall(sim.call, this.deps);
    const participantId = outcome.decision === 'admitted' && outcome.conferenceId ? await this.participantOfCall(outcome.conferenceId, callId) : null;
    return {
      callId,
      decision: outcome.decision,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(outcome.conferenceId ? { conferenceId: outcome.conferenceId } : {}),
      ...(participantId ? { participantId } : {}),
    };
  }

  private stateOf(sim: SimCall): SimulatedCallState {
    if (!sim.leg?.active) return 'ended';
    const conference = sim.leg.conferenceName ? this.engine.conferences.get(sim.leg.conferenceName) : undefined;
    return conference?.memberOf(sim.leg) != null ? 'conference' : 'menu';
  }

  private forgetOldCalls(): void {
    const before = this.engine.clock.now().getTime() - KEEP_ENDED_MS;
    for (const [callId, sim] of this.calls) {
      const endedAt = sim.leg?.endedAt ?? (sim.refusedWith !== null ? new Date(0) : null);
      if (endedAt && endedAt.getTime() < before) this.calls.delete(callId);
    }
  }
}
