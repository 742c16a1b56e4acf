import { execFile, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerScenario, type CallerScenario } from './scenarios';

/**
 * The generated caller scenarios, played by the real SIPp against a minimal SIP user agent of
 * this test (a stand-in for drachtio-server + FreeSWITCH): SIPp must accept every scenario, and
 * the keys must arrive on the wire as FreeSWITCH reads them — one event per RTP timestamp, in
 * rising sequence order — whatever digits repeat. Needs SIPp (Debian package sip-tester) and
 * root, as SIPp replays captures through a raw socket.
 */
const require = createRequire(import.meta.url);
const SipMessage = require('drachtio-srf/lib/sip-parser/message.js');
const run = promisify(execFile);
const sippInstalled = spawnSync('sipp', ['-v']).error === undefined;
const isRoot = process.getuid?.() === 0;

interface StubCall {
  keys: string;
  outOfOrder: number;
}

/** Answers INVITEs (403 to anonymous callers), reads RFC 4733 events, hangs up a call whose keys stopped for 1.5 s. */
class StubUserAgent {
  readonly sip = dgram.createSocket('udp4');
  readonly rtp = dgram.createSocket('udp4');
  readonly calls: StubCall[] = [];
  private lastSeq: number | null = null;
  private seen = new Set<number>();
  private byeTimer: NodeJS.Timeout | undefined;
  private dialog: { invite: { get(h: string): string }; caller: dgram.RemoteInfo; toTag: string } | null = null;

  async start(): Promise<void> {
    await Promise.all([new Promise<void>((r) => this.sip.bind(0, '127.0.0.1', r)), new Promise<void>((r) => this.rtp.bind(0, '127.0.0.1', r))]);
    this.sip.on('message', (raw, from) => this.onSip(new SipMessage(raw.toString()), from));
    this.rtp.on('message', (packet) => this.onRtp(packet));
  }

  get port(): number {
    return this.sip.address().port;
  }

  close(): void {
    clearTimeout(this.byeTimer);
    this.sip.close();
    this.rtp.close();
  }

  private onSip(msg: { type: string; method: string; get(h: string): string; has(h: string): boolean }, from: dgram.RemoteInfo): void {
    if (msg.type !== 'request' || msg.method === 'ACK') return;
    if (msg.method === 'BYE') return this.respond(msg, from, '200 OK');
    if (msg.method !== 'INVITE') return;
    if (msg.get('From').includes('anonymous')) return this.respond(msg, from, '403 Forbidden');
    this.calls.push({ keys: '', outOfOrder: 0 });
    this.lastSeq = null;
    this.seen = new Set();
    this.dialog = { invite: msg, caller: from, toTag: 'stub-1' };
    const sdp = ['v=0', 'o=stub 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${this.rtp.address().port} RTP/AVP 8 101`, 'a=rtpmap:101 telephone-event/8000', ''].join('\r\n');
    this.respond(msg, from, '200 OK', [`Contact: <sip:stub@127.0.0.1:${this.port}>`, 'Content-Type: application/sdp'], sdp);
  }

  /** FreeSWITCH's view: an event per timestamp, a packet older than the last one dropped. */
  private onRtp(packet: Buffer): void {
    if ((packet.readUInt8(1) & 0x7f) !== 101) return;
    const call = this.calls.at(-1)!;
    const seq = packet.readUInt16BE(2);
    if (this.lastSeq !== null && seq <= this.lastSeq) call.outOfOrder++;
    this.lastSeq = seq;
    const timestamp = packet.readUInt32BE(4);
    if (!this.seen.has(timestamp)) {
      this.seen.add(timestamp);
      call.keys += '0123456789*#'[packet.readUInt8(12)];
    }
    clearTimeout(this.byeTimer);
    this.byeTimer = setTimeout(() => this.hangUp(), 1_500);
  }

  private hangUp(): void {
    if (!this.dialog) return;
    const { invite, caller, toTag } = this.dialog;
    const lines = [
      `BYE sip:caller@${caller.address}:${caller.port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.port};branch=z9hG4bK-stub-bye`,
      `From: ${invite.get('To')};tag=${toTag}`,
      `To: ${invite.get('From')}`,
      `Call-ID: ${invite.get('Call-ID')}`,
      'CSeq: 1 BYE',
      'Max-Forwards: 70',
      'Content-Length: 0',
      '',
      '',
    ];
    this.sip.send(lines.join('\r\n'), caller.port, caller.address);
  }

  private respond(msg: { get(h: string): string; method: string }, to: dgram.RemoteInfo, status: string, extra: string[] = [], body = ''): void {
    const toHeader = msg.method === 'INVITE' && !msg.get('To').includes('tag=') ? `${msg.get('To')};tag=stub-1` : msg.get('To');
    const lines = [
      `SIP/2.0 ${status}`,
      `Via: ${msg.get('Via')}`,
      `From: ${msg.get('From')}`,
      `To: ${toHeader}`,
      `Call-ID: ${msg.get('Call-ID')}`,
      `CSeq: ${msg.get('CSeq')}`,
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    this.sip.send(lines.join('\r\n'), to.port, to.address);
  }
}

describe.skipIf(!sippInstalled || !isRoot)('generated SIPp scenarios against a stand-in user agent (9.1.5)', () => {
  let stub: StubUserAgent;
  let dir: string;
  let sippPort = 25_070;

  beforeEach(async () => {
    stub = new StubUserAgent();
    await stub.start();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sipp-stub-'));
  });
  afterEach(() => stub.close());

  async function play(scenario: CallerScenario, dialled: string): Promise<void> {
    const port = sippPort++;
    const { xml, captures } = callerScenario(scenario, (i) => path.join(dir, `keys-${i}.pcap`), 0x1234 + port);
    await writeFile(path.join(dir, 'caller.xml'), xml);
    for (const [file, content] of captures) await writeFile(file, content);
    await run(
      'sipp',
      ['-sf', path.join(dir, 'caller.xml'), `127.0.0.1:${stub.port}`, '-s', dialled, '-i', '127.0.0.1', '-mi', '127.0.0.1', '-p', String(port), '-mp', String(port + 10_000), '-m', '1', '-timeout', '30s', '-timeout_error', '-nostdin'],
      { timeout: 40_000 },
    );
  }

  it('types room number, PIN and keypad commands with every repeated digit intact, then hangs up', async () => {
    const keys = [
      { afterMs: 300, digits: '4711#' },
      { afterMs: 300, digits: '1111#' },
      { afterMs: 300, digits: '3640#' },
      { afterMs: 300, digits: '*2' },
    ];
    await play({ fromUser: '+33611110001', fromHost: 'carrier.example.com', keys, end: { kind: 'caller-bye', stayMs: 300 } }, '+33187654321');
    expect(stub.calls).toEqual([{ keys: '4711#1111#3640#*2', outOfOrder: 0 }]);
  }, 60_000);

  it('waits for the bridge to hang up after a refusal', async () => {
    await play({ fromUser: '+33611110002', fromHost: 'carrier.example.com', keys: [{ afterMs: 300, digits: '0000#' }], end: { kind: 'server-bye' } }, '+33187654321');
    expect(stub.calls).toEqual([{ keys: '0000#', outOfOrder: 0 }]);
  }, 60_000);

  it('takes a refusal before answer', async () => {
    await play({ fromUser: 'anonymous', fromHost: 'anonymous.invalid', headers: ['Privacy: id'], end: { kind: 'refused', status: 403 } }, '+33187654321');
    expect(stub.calls).toEqual([]);
  }, 60_000);
});
