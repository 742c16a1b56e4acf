/**
 * Run by overload.test.ts in its own process, because what it checks is whether the process
 * survives: drachtio-fsmrf 4.1.2's own createEndpoint, with a fake Srf whose dialog cannot be
 * destroyed, times out waiting for FreeSWITCH as it does under overload, and calls
 * dialog.destroy() without handling its rejection.
 */
import { createRequire } from 'node:module';
import pino from 'pino';
import { MediaHealth } from './media-health';

const require = createRequire(import.meta.url);
const MediaServer = require('drachtio-fsmrf/lib/mediaserver.js');

const guarded = process.argv.includes('--guarded');
const health = new MediaHealth({ cpuIdle: 90, connected: () => true }, Date.now, pino({ level: 'silent' }));
if (guarded) health.guardProcess();

// A MediaServer as fsmrf builds it once connected, without the ESL socket: only what createEndpoint reads.
const ms = Object.create(MediaServer.prototype);
Object.assign(ms, {
  _conn: { connected: () => true },
  _mrf: { customEvents: [] },
  _srf: {
    // FreeSWITCH answers the INVITE but never opens the outbound event socket: it is saturated.
    createUAC: async () => ({ destroy: () => Promise.reject(new Error('BYE failed: no such dialog')) }),
  },
  pendingConnections: new Map(),
  sip: { ipv4: { udp: { address: '127.0.0.1:5080' }, dtls: {} }, ipv6: { udp: {}, dtls: {} } },
  advertisedAddress: '127.0.0.1',
  advertisedPort: 8085,
});

const outcome = await ms.createEndpoint().then(
  () => 'endpoint',
  (err: Error) => err.message,
);
// Let the unobserved rejection reach the process before reporting.
await new Promise((resolve) => setTimeout(resolve, 200));
process.stdout.write(`${JSON.stringify({ outcome, available: health.available() })}\n`);
