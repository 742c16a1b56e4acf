import { describe, expect, it } from 'vitest';
import { captureMs, dtmfCapture, rtpStream } from './dtmf-pcap';

/** What a capture holds, read back byte by byte (libpcap format, Ethernet / IPv4 / UDP / RTP / RFC 4733). */
function readCapture(file: Buffer) {
  expect(file.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(file.readUInt32LE(20)).toBe(1);
  const packets = [];
  for (let offset = 24; offset < file.length; ) {
    const atUs = file.readUInt32LE(offset) * 1e6 + file.readUInt32LE(offset + 4);
    const length = file.readUInt32LE(offset + 8);
    expect(file.readUInt32LE(offset + 12)).toBe(length);
    const frame = file.subarray(offset + 16, offset + 16 + length);
    offset += 16 + length;
    expect(frame.readUInt16BE(12)).toBe(0x0800);
    const ip = frame.subarray(14);
    expect(ip.readUInt8(9)).toBe(17);
    const udp = ip.subarray((ip.readUInt8(0) & 0x0f) * 4);
    expect(udp.readUInt16BE(4)).toBe(udp.length);
    const rtp = udp.subarray(8);
    packets.push({
      atUs,
      version: rtp.readUInt8(0) >> 6,
      marker: (rtp.readUInt8(1) & 0x80) !== 0,
      payloadType: rtp.readUInt8(1) & 0x7f,
      seq: rtp.readUInt16BE(2),
      timestamp: rtp.readUInt32BE(4),
      ssrc: rtp.readUInt32BE(8),
      event: rtp.readUInt8(12),
      end: (rtp.readUInt8(13) & 0x80) !== 0,
      duration: rtp.readUInt16BE(14),
    });
  }
  return packets;
}

/** The events FreeSWITCH would read: one per RTP timestamp, in order. */
function events(packets: ReturnType<typeof readCapture>) {
  const byTimestamp = new Map<number, typeof packets>();
  for (const p of packets) byTimestamp.set(p.timestamp, [...(byTimestamp.get(p.timestamp) ?? []), p]);
  return [...byTimestamp.entries()].map(([timestamp, ps]) => ({ timestamp, event: ps[0].event, packets: ps }));
}

const KEYS = '0123456789*#';

describe('DTMF captures for SIPp (9.1.5, RFC 4733)', () => {
  it.each(['1111#', '3640#', '4711#', '123456#', '0000000000#', '*2', '*6', '*0', '*9#'])('makes every key of %s its own event with rising sequence numbers', (typed) => {
    const packets = readCapture(dtmfCapture(typed, rtpStream(0x1234)));
    const keys = events(packets);
    expect(keys.map((k) => KEYS[k.event]).join('')).toBe(typed);
    expect(new Set(keys.map((k) => k.timestamp)).size).toBe(typed.length);
    expect(keys.map((k) => k.timestamp)).toEqual([...keys.map((k) => k.timestamp)].sort((a, b) => a - b));
    packets.forEach((p, i) => i > 0 && expect(p.seq).toBe(packets[i - 1].seq + 1));
    expect(new Set(packets.map((p) => `${p.version}/${p.payloadType}/${p.ssrc}`))).toEqual(new Set(['2/101/4660']));
    for (const key of keys) {
      expect(key.packets[0].marker).toBe(true);
      expect(key.packets.slice(1).every((p) => !p.marker)).toBe(true);
      expect(key.packets.filter((p) => p.end)).toHaveLength(3);
      expect(key.packets.at(-1)!.duration).toBe(800);
    }
  });

  it('continues one stream across the captures of a call, after the pauses between them', () => {
    const stream = rtpStream(0xdeadbeef);
    const room = readCapture(dtmfCapture('4711#', stream, 8_000));
    const pin = readCapture(dtmfCapture('1111#', stream, 5_000));
    expect(pin[0].seq).toBe(room.at(-1)!.seq + 1);
    expect(pin[0].timestamp).toBeGreaterThan(room.at(-1)!.timestamp);
    expect(pin[0].timestamp - events(room).at(-1)!.timestamp).toBeGreaterThanOrEqual(5_000 * 8);
    expect(new Set([...events(room), ...events(pin)].map((e) => e.timestamp)).size).toBe(10);
    expect(pin[0].ssrc).toBe(0xdeadbeef);
  });

  it('spaces the packets of a key 20 ms apart and lasts no longer than the scenario waits for it', () => {
    const packets = readCapture(dtmfCapture('12', rtpStream(1)));
    const firstKey = events(packets)[0].packets;
    expect(firstKey.slice(1, 4).map((p, i) => p.atUs - firstKey[i].atUs)).toEqual([20_000, 20_000, 20_000]);
    expect((packets.at(-1)!.atUs - packets[0].atUs) / 1000).toBeLessThan(captureMs('12'));
  });

  it('refuses a key that is no keypad key', () => {
    expect(() => dtmfCapture('12a', rtpStream(1))).toThrow('no telephone event for key "a"');
  });
});
