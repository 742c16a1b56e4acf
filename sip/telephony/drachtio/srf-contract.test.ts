import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { callerIdentity, routeCall } from '../../routing';
import { fakeMediaServer, FakeDialog, FakeEndpoint } from './fakes';
import { inboundCall } from './inbound';
import type { SrfRequest } from './types';

/** drachtio-srf's own Request, parsed from a raw INVITE: what the adapter reads is really there. */
const require = createRequire(import.meta.url);
const SipMessage = require('drachtio-srf/lib/sip-parser/message.js');
const Request = require('drachtio-srf/lib/request.js');

function invite(requestUri: string, headers: string[]): SrfRequest {
  const raw = [
    `INVITE ${requestUri} SIP/2.0`,
    'Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds',
    'To: <sip:portal@bridge.example.net>',
    'Call-ID: a84b4c76e66710@pc33.example.com',
    'CSeq: 1 INVITE',
    'Contact: <sip:caller@198.51.100.7>',
    ...headers,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return new Request(new SipMessage(raw), {}) as SrfRequest;
}

const describeCall = (req: SrfRequest) => inboundCall(req, { finalResponseSent: false, send: vi.fn() }, fakeMediaServer(new FakeEndpoint(), new FakeDialog()), () => {});

describe('drachtio-srf 5.0.29 contract', () => {
  it('reads call id, dialled user, caller and name from a real INVITE', () => {
    const call = describeCall(invite('sip:+33187654321@bridge.example.net', ['From: "Alice Martin" <sip:+33612345678@carrier.example.com>;tag=1928301774']));
    expect(call.callId).toBe('a84b4c76e66710@pc33.example.com');
    expect(call.dialled).toBe('+33187654321');
    expect(call.from).toEqual({ user: '+33612345678', host: 'carrier.example.com', displayName: 'Alice Martin' });
    expect(callerIdentity(call)).toMatchObject({ number: '+33612345678', name: 'Alice Martin', anonymous: false });
  });

  it('routes *72 and *71* request URIs as user agents send them', () => {
    expect(routeCall(describeCall(invite('sip:*72@bridge.example.net', ['From: <sip:201@acme.example.net>;tag=1'])).dialled)).toEqual({ kind: 'star72' });
    expect(routeCall(describeCall(invite('sip:%2A71%2A0123456789@bridge.example.net', ['From: <sip:201@acme.example.net>;tag=1'])).dialled)).toEqual({
      kind: 'adhoc',
      dialString: '*71*0123456789',
    });
  });

  it('sees Privacy and P-Asserted-Identity whatever their case (D-2)', () => {
    const hidden = describeCall(
      invite('sip:+33187654321@bridge.example.net', ['From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1', 'privacy: id', 'P-Asserted-Identity: <sip:+33612345678@carrier.example.com>']),
    );
    expect(hidden.privacy).toBe('id');
    expect(hidden.assertedIdentity).toEqual({ user: '+33612345678', host: 'carrier.example.com' });
    expect(callerIdentity(hidden)).toMatchObject({ number: null, anonymous: true });
    const asserted = describeCall(invite('sip:+33187654321@bridge.example.net', ['From: <sip:anonymous@anonymous.invalid>;tag=1', 'p-asserted-identity: <sip:+33612345678@carrier.example.com>']));
    expect(callerIdentity(asserted)).toMatchObject({ number: '+33612345678', anonymous: false });
  });
});

describe("drachtio-srf 5.0.29 createUAC, with the drachtio-server connection faked", () => {
  const Srf = require('drachtio-srf');
  const { EventEmitter } = require('node:events');

  function srfWithServer(answer: (invite: InstanceType<typeof EventEmitter>) => void) {
    const srf = new Srf();
    const sent: { method: string; uri: string; headers: Record<string, string> }[] = [];
    srf._app = {
      request(opts: { method: string; uri: string; headers: Record<string, string> }, callback: (err: unknown, req: unknown) => void) {
        sent.push(opts);
        const req = Object.assign(new EventEmitter(), {
          cancel: (_opts: object, done?: (err: unknown) => void) => {
            sent.push({ method: 'CANCEL', uri: opts.uri, headers: {} });
            const res = { status: 487, reason: 'Request Terminated', has: () => false, get: () => undefined };
            setImmediate(() => req.emit('response', res, () => {}));
            done?.(null);
          },
        });
        callback(null, req);
        answer(req);
      },
    };
    return { srf, sent };
  }

  it('sends the INVITE with our headers and the endpoint SDP, and CANCELs it at the no-answer timeout (A-2)', async () => {
    // Only the no-answer timer is faked: drachtio-srf itself runs on real setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { DrachtioTelephony } = await import('./engine');
      const { srf, sent } = srfWithServer(() => {});
      const endpoint = new FakeEndpoint();
      const telephony = new DrachtioTelephony(srf, fakeMediaServer(endpoint, new FakeDialog()), 'fs-1', () => {}, () => {});
      const outcome = telephony.dialOut({ uri: 'sip:0123456789@sbc.example.net', headers: { From: '<sip:201@acme.example.net>' }, timeoutMs: 30_000 });
      await vi.advanceTimersByTimeAsync(30_000);
      expect(await outcome).toEqual({ result: 'no-answer' });
      expect(sent.map((s) => [s.method, s.uri])).toEqual([
        ['INVITE', 'sip:0123456789@sbc.example.net'],
        ['CANCEL', 'sip:0123456789@sbc.example.net'],
      ]);
      expect(sent[0].headers.From).toBe('<sip:201@acme.example.net>');
      expect(endpoint.destroyed).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a busy callee', async () => {
    const { DrachtioTelephony } = await import('./engine');
    const { srf } = srfWithServer((req) =>
      setImmediate(() => req.emit('response', { status: 486, reason: 'Busy Here', has: () => false, get: () => undefined }, () => {})),
    );
    const telephony = new DrachtioTelephony(srf, fakeMediaServer(new FakeEndpoint(), new FakeDialog()), 'fs-1', () => {}, () => {});
    expect(await telephony.dialOut({ uri: 'sip:0123456789@sbc.example.net', headers: {}, timeoutMs: 30_000 })).toEqual({ result: 'busy' });
  });
});
