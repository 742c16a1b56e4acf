import Srf from 'drachtio-srf';
import Mrf from 'drachtio-fsmrf';
import type { Logger } from '@/server/lib/logger';
import type { FsMediaServer } from './types';

export interface MediaTarget {
  address: string;
  port: number;
  secret: string;
  listenAddress: string;
  listenPort: number;
  advertisedAddress?: string;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * FreeSWITCH first (ESL): without media no call can be answered. fsmrf needs a listen address for
 * FreeSWITCH's outbound connections, and an advertised one when FreeSWITCH reaches us through
 * another address (containers, NAT). Retries with back-off until it answers.
 */
export async function connectMedia(srf: Srf, target: MediaTarget, log: Logger): Promise<FsMediaServer> {
  const mrf = new Mrf(srf);
  for (let attempt = 1; ; attempt++) {
    try {
      const ms = await mrf.connect({
        address: target.address,
        port: target.port,
        secret: target.secret,
        listenAddress: target.listenAddress,
        listenPort: target.listenPort,
        ...(target.advertisedAddress ? { advertisedAddress: target.advertisedAddress } : {}),
        profile: 'drachtio_mrf',
      });
      log.info({ freeswitch: `${target.address}:${target.port}` }, 'connected to FreeSWITCH');
      return ms as FsMediaServer;
    } catch (err) {
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
      log.warn({ err, attempt, retryInMs: delay }, 'FreeSWITCH not reachable yet');
      await wait(delay);
    }
  }
}

/** drachtio-srf reconnects by itself once connected; until the first connect we only wait. */
export async function connectSignalling(srf: Srf, target: { host: string; port: number; secret: string }, log: Logger): Promise<void> {
  srf.on('error', (err: Error) => log.warn({ err }, 'drachtio-server connection error (drachtio-srf retries)'));
  await new Promise<void>((resolve) => {
    srf.on('connect', (err: Error | null, hostport: string) => {
      if (err) return log.error({ err }, 'drachtio-server refused the connection (check DRACHTIO_SECRET)');
      log.info({ hostport }, 'connected to drachtio-server');
      resolve();
    });
    srf.connect(target);
  });
}
