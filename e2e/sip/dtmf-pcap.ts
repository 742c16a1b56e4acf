/**
 * Keypad digits as RFC 4733 (formerly 2833) telephone events, written as pcap files that SIPp's
 * `play_pcap_audio` replays into a call's RTP. SIPp sends the RTP of a capture as it is (it only
 * rewrites addresses, ports and the UDP checksum), and FreeSWITCH drops an event whose timestamp
 * it has seen already or whose sequence number goes back (TELEPHONY.md: `4711#` arrived as
 * `471#` with SIPp's stock per-digit captures). So every key here is its own event — its own RTP
 * timestamp — and sequence numbers only go up, across all the captures of one call.
 */

/** The payload type the scenarios offer for telephone-event (`a=rtpmap:101 telephone-event/8000`). */
export const TELEPHONE_EVENT_PT = 101;
const SAMPLES_PER_MS = 8;
const PACKET_MS = 20;
/** How long each key is held, and the silence before the next one. */
export const KEY_MS = 100;
export const BETWEEN_KEYS_MS = 100;
/** RFC 4733 2.5.1.4: the final packet of an event is sent three times. */
const END_PACKETS = 3;
const VOLUME = 10;
const EVENT_CODES: Record<string, number> = { '*': 10, '#': 11 };
const MEDIA_PORT = 6000;

/** Where one call's RTP stands: each capture of the call continues it. */
export interface RtpStream {
  ssrc: number;
  seq: number;
  /** RTP timestamp, in 8 kHz samples. */
  timestamp: number;
  /** Capture time of the next packet, in ms; SIPp replays the gaps between packets. */
  clockMs: number;
}

export function rtpStream(ssrc: number): RtpStream {
  return { ssrc: ssrc >>> 0, seq: 1, timestamp: 8_000, clockMs: Date.UTC(2026, 0, 1) };
}

export function eventCode(key: string): number {
  if (/^[0-9]$/.test(key)) return Number(key);
  const code = EVENT_CODES[key];
  if (code === undefined) throw new Error(`no telephone event for key ${JSON.stringify(key)}`);
  return code;
}

/** How long SIPp takes to play the capture of these keys. */
export const captureMs = (keys: string) => keys.length * (KEY_MS + BETWEEN_KEYS_MS);

/**
 * The capture of `keys` typed one after the other, `pauseMs` after the stream's previous packet
 * (the scenario's pause before typing): the stream moves on past it.
 */
export function dtmfCapture(keys: string, stream: RtpStream, pauseMs = 0): Buffer {
  stream.timestamp += pauseMs * SAMPLES_PER_MS;
  stream.clockMs += pauseMs;
  const packets: Buffer[] = [];
  for (const key of keys) {
    const code = eventCode(key);
    const steps = KEY_MS / PACKET_MS;
    for (let step = 1; step <= steps + END_PACKETS - 1; step++) {
      const end = step >= steps;
      const duration = Math.min(step, steps) * PACKET_MS * SAMPLES_PER_MS;
      packets.push(record(stream, rtpEvent(stream, code, duration, { marker: step === 1, end })));
      stream.seq = (stream.seq + 1) & 0xffff;
      stream.clockMs += end ? 0 : PACKET_MS;
    }
    // The next key is a new event: its own timestamp, after the pause between keys.
    stream.timestamp += (KEY_MS + BETWEEN_KEYS_MS) * SAMPLES_PER_MS;
    stream.clockMs += BETWEEN_KEYS_MS;
  }
  return Buffer.concat([globalHeader(), ...packets]);
}

function rtpEvent(stream: RtpStream, code: number, duration: number, flags: { marker: boolean; end: boolean }): Buffer {
  const rtp = Buffer.alloc(16);
  rtp.writeUInt8(0x80, 0);
  rtp.writeUInt8((flags.marker ? 0x80 : 0) | TELEPHONE_EVENT_PT, 1);
  rtp.writeUInt16BE(stream.seq, 2);
  rtp.writeUInt32BE(stream.timestamp >>> 0, 4);
  rtp.writeUInt32BE(stream.ssrc, 8);
  rtp.writeUInt8(code, 12);
  rtp.writeUInt8((flags.end ? 0x80 : 0) | VOLUME, 13);
  rtp.writeUInt16BE(duration, 14);
  return rtp;
}

/** libpcap file header: microsecond timestamps, Ethernet link type. */
function globalHeader(): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65_535, 16);
  header.writeUInt32LE(1, 20);
  return header;
}

/** One packet record: Ethernet, IPv4 and UDP around the RTP. Addresses and ports are SIPp's to replace. */
function record(stream: RtpStream, rtp: Buffer): Buffer {
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(MEDIA_PORT, 0);
  udp.writeUInt16BE(MEDIA_PORT, 2);
  udp.writeUInt16BE(8 + rtp.length, 4);
  const ip = Buffer.alloc(20);
  ip.writeUInt8(0x45, 0);
  ip.writeUInt16BE(20 + udp.length + rtp.length, 2);
  ip.writeUInt8(64, 8);
  ip.writeUInt8(17, 9);
  Buffer.from([127, 0, 0, 1]).copy(ip, 12);
  Buffer.from([127, 0, 0, 1]).copy(ip, 16);
  ip.writeUInt16BE(ipChecksum(ip), 10);
  const ethernet = Buffer.alloc(14);
  ethernet.writeUInt16BE(0x0800, 12);
  const frame = Buffer.concat([ethernet, ip, udp, rtp]);
  const header = Buffer.alloc(16);
  header.writeUInt32LE(Math.floor(stream.clockMs / 1000), 0);
  header.writeUInt32LE((stream.clockMs % 1000) * 1000, 4);
  header.writeUInt32LE(frame.length, 8);
  header.writeUInt32LE(frame.length, 12);
  return Buffer.concat([header, frame]);
}

function ipChecksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
