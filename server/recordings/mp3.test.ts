import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MPEGDecoder } from 'mpg123-decoder';
import wavefile from 'wavefile';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeWavFile } from './mp3';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mp3-test-'));
});

function tone(seconds: number, rate: number, channels: number, depth: '16' | '8' | '32f' = '16'): Uint8Array {
  const wav = new wavefile.WaveFile();
  const one = Array.from({ length: seconds * rate }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)));
  wav.fromScratch(channels, rate, '16', channels === 1 ? one : Array.from({ length: channels }, () => one));
  if (depth !== '16') wav.toBitDepth(depth);
  return wav.toBuffer();
}

async function file(name: string, bytes: Uint8Array): Promise<string> {
  const at = path.join(dir, name);
  await writeFile(at, bytes);
  return at;
}

async function decodedSeconds(mp3: Uint8Array): Promise<number> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  const { samplesDecoded, sampleRate } = decoder.decode(mp3);
  decoder.free();
  return samplesDecoded / sampleRate;
}

describe('WAV → MP3 (REC-1)', () => {
  it('encodes 8 kHz mono 16-bit, what the media server records, to an MP3 of the same length (within 10 %) at about 32 kbit/s', async () => {
    const { mp3, durationSeconds } = await encodeWavFile(await file('mono.wav', tone(5, 8000, 1)));
    expect(durationSeconds).toBe(5);
    expect(Math.abs((await decodedSeconds(mp3)) - 5) / 5).toBeLessThan(0.1);
    // 32 kbit/s and a few frames of encoder delay and padding.
    expect((mp3.byteLength * 8) / 5 / 1000).toBeGreaterThan(31);
    expect((mp3.byteLength * 8) / 5 / 1000).toBeLessThan(34);
  });

  it('mixes a 16 kHz stereo recording down to mono', async () => {
    const { mp3, durationSeconds } = await encodeWavFile(await file('stereo.wav', tone(3, 16000, 2)));
    expect(durationSeconds).toBe(3);
    expect(Math.abs((await decodedSeconds(mp3)) - 3) / 3).toBeLessThan(0.1);
  });

  it('keeps everything of a file whose header was never finished (data size 0: the media server stopped mid-recording)', async () => {
    const bytes = tone(4, 8000, 1);
    const dataAt = Buffer.from(bytes).indexOf('data');
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(dataAt + 4, 0, true);
    expect((await encodeWavFile(await file('unfinished.wav', bytes))).durationSeconds).toBe(4);
  });

  it('decodes other WAV formats whole (8-bit, float)', async () => {
    expect((await encodeWavFile(await file('8bit.wav', tone(2, 8000, 1, '8')))).durationSeconds).toBe(2);
    expect((await encodeWavFile(await file('float.wav', tone(2, 8000, 1, '32f')))).durationSeconds).toBe(2);
  });

  it('refuses what is not a WAV', async () => {
    await expect(encodeWavFile(await file('text.wav', new TextEncoder().encode('not audio at all')))).rejects.toThrow();
  });
});
