import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Logger } from '@/server/lib/logger';
import { handleCall } from '../../app';
import { ConferenceRegistry } from '../../conference/registry';
import type { CallDeps, CallOutcome } from '../../deps';
import { mediaFolder, type MediaFiles } from '../../media/files';
import { promptCatalogue } from '../../prompts/catalogue';
import { callServices, type CallServices } from '../../services';
import type { CallClock } from '../port';
import { VirtualClock } from './clock';
import { SimEngine, type SimCall, type SimCallInput, type SimEngineOptions } from './engine';

export type SimulatorOptions = SimEngineOptions & {
  log?: Logger;
  /** The sip process this simulator stands for, as recorded on its conferences. */
  sipInstance?: string;
  /** The real services by default; a benchmark or test may wrap them to time or count calls. */
  services?: CallServices;
  /** The folder shared with the simulated media server (announcements, recordings); a temporary one by default. */
  mediaDir?: string;
} & (
    | { at: Date }
    /** A sip process started on servers another (dead) one used: same dialogs, conferences and clock. */
    | { engine: SimEngine }
  );

/** The real routing and flows on the simulated engine and the real database (API-3 `call simulate`, scenario tests). */
export class Simulator {
  readonly clock: VirtualClock;
  readonly engine: SimEngine;
  readonly deps: CallDeps;
  readonly sipInstance: string;
  private alive = true;

  constructor(options: SimulatorOptions) {
    this.engine = 'engine' in options ? options.engine : new SimEngine(new VirtualClock(options.at), options);
    this.clock = this.engine.clock;
    this.sipInstance = options.sipInstance ?? 'simulator';
    const log = options.log ?? pino({ level: 'silent' });
    const clock = this.processClock();
    const services = this.processServices(options.services ?? callServices);
    const catalogue = promptCatalogue('/prompts');
    const mediaDir = options.mediaDir ?? path.join(tmpdir(), 'conference-simulator-media');
    const media = this.heldMedia(mediaFolder({ local: mediaDir, onMediaServer: mediaDir }, services));
    const conferences = new ConferenceRegistry({ services, clock, catalogue, log, telephony: this.engine, media, sipInstance: this.sipInstance });
    this.deps = { telephony: this.engine, clock, services, catalogue, conferences, media, log, mediaAvailable: () => true, mediaFailed: () => {} };
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

  /**
   * The process is killed: none of its code runs any more (its timers and database calls never
   * come back), while the callers, the SIP server's dialogs and the media server's conferences stay.
   */
  kill(): void {
    this.alive = false;
    this.engine.processDied();
  }

  /** Virtual time as this process sees it: a dead process never wakes up. */
  private processClock(): CallClock {
    return {
      now: () => this.clock.now(),
      sleep: (ms) => (this.alive ? this.clock.sleep(ms).then(() => this.untilAlive()) : never()),
    };
  }

  /** Database work keeps virtual time still, so records carry the scenario's instants; a dead process does none. */
  private processServices(real: CallServices): CallServices {
    const held = Object.entries(real).map(([name, fn]) => [
      name,
      (...args: unknown[]) => (this.alive ? this.clock.hold((fn as (...a: unknown[]) => Promise<unknown>)(...args)) : never()),
    ]);
    return Object.fromEntries(held) as CallServices;
  }

  /** File work keeps virtual time still too, like database work. */
  private heldMedia(real: MediaFiles): MediaFiles {
    return {
      announcement: (tenantId) => this.clock.hold(real.announcement(tenantId)),
      recording: async (tenantId) => {
        const file = await this.clock.hold(real.recording(tenantId));
        return { uri: file.uri, path: file.path, read: () => this.clock.hold(file.read()), discard: () => this.clock.hold(file.discard()) };
      },
    };
  }

  private untilAlive(): Promise<void> {
    return this.alive ? Promise.resolve() : never();
  }
}

const never = <T>() => new Promise<T>(() => {});
