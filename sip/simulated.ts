import os from 'node:os';
import path from 'node:path';
import { participantOfCall } from '@/server/conferences/records';
import { CommandConsumer } from '@/server/live/commands';
import { holdInstanceLock } from '@/server/live/liveness';
import { SimulatedCallConsumer } from '@/server/live/simulated-calls';
import { systemClock } from '@/server/lib/clock';
import type { Logger } from '@/server/lib/logger';
import { drainConferences } from './conference/drain';
import { endWhatAPreviousRunLeft } from './conference/recovery';
import { ConferenceRegistry } from './conference/registry';
import type { CallDeps } from './deps';
import { mediaFolder } from './media/files';
import { promptCatalogue } from './prompts/catalogue';
import { callServices } from './services';
import type { CallClock } from './telephony/port';
import { SimEngine, type CalleeBehaviour } from './telephony/sim/engine';
import { LiveSimulatedCallers } from './telephony/sim/live-callers';

export interface SimulatedSip {
  engine: SimEngine<CallClock>;
  conferences: ConferenceRegistry;
  /** Ends its conferences at once (simulated callers never leave by themselves), then lets go of the database. */
  stop(): Promise<void>;
}

/** Real time: the simulated engine runs at the pace of a person trying the portal. */
const realClock: CallClock = { now: systemClock, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * SIP_ENGINE=simulated: the sip process on the simulated engine (issue 10). Everything but the
 * media is real: the database, routing, menus, conferences, commands from the web (through
 * conference_commands) and events. Its conferences are recorded with `simulated: true` on a media
 * server of its own (`simulated-<instance>`), so history shows them, marked. Callers come from
 * the CLI (`call place`) through simulated_call_requests.
 */
export async function startSimulatedSip(opts: { instance: string; log: Logger; answers?: ReadonlyMap<string, CalleeBehaviour>; mediaDir?: string }): Promise<SimulatedSip> {
  const { instance, log } = opts;
  const mediaDir = opts.mediaDir ?? path.join(os.tmpdir(), 'conference-simulated-media');
  const liveness = await holdInstanceLock(instance, log, { simulated: true });
  const engine = new SimEngine(realClock, { mediaServer: `simulated-${instance}`, answers: opts.answers });
  const catalogue = promptCatalogue('/simulated-prompts');
  // The simulated media server records into the same folder this process reads (one machine).
  const media = mediaFolder({ local: mediaDir, onMediaServer: mediaDir }, callServices);
  const conferences = new ConferenceRegistry({ services: callServices, clock: realClock, catalogue, log, telephony: engine, media, sipInstance: instance, simulated: true });
  const deps: CallDeps = {
    telephony: engine,
    clock: realClock,
    services: callServices,
    catalogue,
    conferences,
    // The simulated engine plays nothing, but the flows still fetch the tenant's announcement and keep phone recordings.
    media,
    log,
    mediaAvailable: () => true,
    mediaFailed: () => {},
  };
  // A previous run's simulated callers died with it: its conferences are over.
  await endWhatAPreviousRunLeft({ services: callServices, telephony: engine, clock: realClock, log, sipInstance: instance });
  const commands = new CommandConsumer({ instance, handler: conferences, now: systemClock, log });
  const callers = new SimulatedCallConsumer({ instance, handler: new LiveSimulatedCallers(engine, deps, participantOfCall), now: systemClock, log });
  await commands.start();
  await callers.start();
  return {
    engine,
    conferences,
    stop: async () => {
      await callers.stop();
      await drainConferences(conferences, realClock, 0);
      await commands.stop();
      await liveness.release();
    },
  };
}
