import { open } from 'node:fs/promises';
import { Mp3Encoder } from '@breezystack/lamejs';
import wavefile from 'wavefile';

/** REC-1: speech from a telephone mix needs no more (mono, 8 kHz source). */
export const RECORDING_KBPS = 32;
/** lamejs takes PCM in blocks; a multiple of its 1152-sample frame. */
const BLOCK_SAMPLES = 1152 * 32;
const PCM = 1;
const EXTENSIBLE = 0xfffe;

export interface EncodedRecording {
  mp3: Uint8Array;
  durationSeconds: number;
}

interface PcmLayout {
  channels: number;
  sampleRate: number;
  dataOffset: number;
  /** Bytes of samples; when the header says 0 or more than the file has (a recording cut short), what the file has. */
  dataBytes: number;
}

/**
 * The media server's WAV as an MP3. lamejs (@breezystack/lamejs, the maintained ESM fork) encodes
 * in process: nothing to install in the images, the same encoder in tests and production; about
 * 180× real time here (an hour of 8 kHz mono in ~20 s of worker CPU). 16-bit PCM, what FreeSWITCH
 * records, is read from the file block by block (a 7-hour recording is a 400 MB WAV: never held
 * whole), mixed down to mono at its own rate (lame supports 8 kHz). Any other WAV is decoded
 * whole by wavefile.
 */
export async function encodeWavFile(file: string): Promise<EncodedRecording> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
    const layout = pcm16Layout(head, size);
    if (!layout) return wavToMp3(new Uint8Array(await handle.readFile()));
    const encoder = new Mp3Encoder(1, layout.sampleRate, RECORDING_KBPS);
    const parts: Uint8Array[] = [];
    const frameBytes = 2 * layout.channels;
    const chunk = new Uint8Array(BLOCK_SAMPLES * frameBytes);
    let done = 0;
    const frames = Math.floor(layout.dataBytes / frameBytes);
    while (done < frames) {
      const want = Math.min(BLOCK_SAMPLES, frames - done);
      const { bytesRead } = await handle.read(chunk, 0, want * frameBytes, layout.dataOffset + done * frameBytes);
      const got = Math.floor(bytesRead / frameBytes);
      if (got === 0) break;
      parts.push(encoder.encodeBuffer(monoOf(chunk, got, layout.channels)));
      done += got;
    }
    parts.push(encoder.flush());
    return { mp3: concat(parts), durationSeconds: Math.round(done / layout.sampleRate) };
  } finally {
    await handle.close();
  }
}

/** A WAV in memory (any format wavefile reads) as an MP3. */
export function wavToMp3(bytes: Uint8Array): EncodedRecording {
  const wav = new wavefile.WaveFile();
  wav.fromBuffer(bytes);
  wav.toBitDepth('16');
  const format = wav.fmt as { numChannels: number; sampleRate: number };
  const raw = wav.getSamples(false, Int16Array) as unknown as Int16Array | Int16Array[];
  const channels = format.numChannels > 1 ? (raw as Int16Array[]) : [raw as Int16Array];
  const samples = channels.length === 1 ? channels[0] : mixDown(channels);
  const encoder = new Mp3Encoder(1, format.sampleRate, RECORDING_KBPS);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < samples.length; i += BLOCK_SAMPLES) parts.push(encoder.encodeBuffer(samples.subarray(i, i + BLOCK_SAMPLES)));
  parts.push(encoder.flush());
  return { mp3: concat(parts), durationSeconds: Math.round(samples.length / format.sampleRate) };
}

const ascii = (b: Uint8Array, at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

/** Where the samples of a little-endian 16-bit PCM WAV are; null for anything else. */
function pcm16Layout(head: Uint8Array, fileSize: number): PcmLayout | null {
  if (head.length < 12 || ascii(head, 0) !== 'RIFF' || ascii(head, 8) !== 'WAVE') return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let format: { tag: number; channels: number; sampleRate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= head.length; ) {
    const id = ascii(head, at);
    const length = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 24 <= head.length) {
      format = { tag: view.getUint16(at + 8, true), channels: view.getUint16(at + 10, true), sampleRate: view.getUint32(at + 12, true), bits: view.getUint16(at + 22, true) };
    }
    if (id === 'data') {
      if (!format || (format.tag !== PCM && format.tag !== EXTENSIBLE) || format.bits !== 16 || format.channels < 1 || format.sampleRate < 1) return null;
      const dataOffset = at + 8;
      const available = fileSize - dataOffset;
      return { channels: format.channels, sampleRate: format.sampleRate, dataOffset, dataBytes: length === 0 || length > available ? available : length };
    }
    at += 8 + length + (length % 2);
  }
  return null;
}

function monoOf(bytes: Uint8Array, frames: number, channels: number): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, frames * channels * 2);
  const out = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += view.getInt16((i * channels + c) * 2, true);
    out[i] = Math.round(sum / channels);
  }
  return out;
}

function mixDown(channels: Int16Array[]): Int16Array {
  const out = new Int16Array(channels[0].length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(channels.reduce((sum, c) => sum + c[i], 0) / channels.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
