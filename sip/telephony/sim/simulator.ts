import pino from 'pino';
import type { Logger } from '@/server/lib/logger';
import { handleCall } from '../../app';
import { ConferenceRegistry } from '../../conference/registry';
import type { CallDeps, CallOutcome } from '../../deps';
import { promptCatalogue } from '../../prompts/catalogue';
import { callServices, type CallServices } from '../../services';
import { VirtualClock } from './clock';
import { SimEngine, type CalleeBehaviour, type SimCall, type SimCallInput } from './engine';
import type { CallerScript } from './leg';

export interface SimulatorOptions {
  at: Date;
  /** How each dialled number behaves; numbers not listed answer. */
  answers?: ReadonlyMap<string, CalleeBehaviour>;
  callee?: CallerScript;
  log?: Logger;
  /** The sip process this simulator stands for, as recorded on its conferences. */
  sipInstance?: string;
  /** The real services by default; a benchmark or test may wrap them to time or count calls. */
  services?: CallServices;
}

/** The real routing and flows on the simulated engine and the real database (API-3 `call simulate`, scenario tests). */
export class Simulator {
  readonly clock: VirtualClock;
  readonly engine: SimEngine;
  readonly deps: CallDeps;

  constructor(options: SimulatorOptions) {
    this.clock = new VirtualClock(options.at);
    this.engine = new SimEngine(this.clock, options.answers, options.callee);
    const log = options.log ?? pino({ level: 'silent' });
    const services = holdWhileRunning(options.services ?? callServices, this.clock);
    const catalogue = promptCatalogue('/prompts');
    const conferences = new ConferenceRegistry({
      services,
      clock: this.clock,
      catalogue,
      log,
      telephony: this.engine,
      sipInstance: options.sipInstance ?? 'simulator',
    });
    this.deps = { telephony: this.engine, clock: this.clock, services, catalogue, conferences, log, mediaAvailable: () => true, mediaFailed: () => {} };
  }

  /** Starts a call; `outcome` resolves when the flow has decided, the call may go on after. */
  place(input: SimCallInput): { sim: SimCall; outcome: Promise<CallOutcome> } {
    const sim = this.engine.inbound(input);
    return { sim, outcome: handleCall(sim.call, this.deps) };
  }

  /** Places a call and plays the scenario to its end: everyone has hung up, every timer has fired. */
  async run(input: SimCallInput): Promise<{ outcome: CallOutcome; sim: SimCall }> {
    const { sim, outcome } = this.place(input);
    const decided = await outcome;
    await this.clock.settled();
    return { outcome: decided, sim };
  }

  settled(): Promise<void> {
    return this.clock.settled();
  }
}

/** Database work keeps virtual time still, so records carry the scenario's instants. */
function holdWhileRunning(services: CallServices, clock: VirtualClock): CallServices {
  const held = Object.entries(services).map(([name, fn]) => [
    name,
    (...args: unknown[]) => clock.hold((fn as (...a: unknown[]) => Promise<unknown>)(...args)),
  ]);
  return Object.fromEntries(held) as CallServices;
}
