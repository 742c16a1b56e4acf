import { Mp3Encoder } from '@breezystack/lamejs';
import wavefile from 'wavefile';

/** REC-1: speech from a telephone mix needs no more (mono, 8 kHz source). */
export const RECORDING_KBPS = 32;
/** lamejs takes PCM in blocks that are a multiple of its 1152-sample frame. */
const BLOCK = 1152 * 32;

export interface EncodedRecording {
  mp3: Uint8Array;
  durationSeconds: number;
}

/**
 * The media server's WAV as an MP3. lamejs (@breezystack/lamejs, the maintained ESM fork) encodes
 * in process: nothing to install in the images, the same encoder in tests and production, and a
 * conference mix is small enough (about 180× real time here: an hour of 8 kHz mono in ~20 s) to
 * encode in the worker. Stereo is mixed down; the source rate is kept (lame supports 8 kHz).
 */
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
  for (let i = 0; i < samples.length; i += BLOCK) parts.push(encoder.encodeBuffer(samples.subarray(i, i + BLOCK)));
  parts.push(encoder.flush());
  const mp3 = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    mp3.set(part, at);
    at += part.length;
  }
  return { mp3, durationSeconds: Math.round(samples.length / format.sampleRate) };
}

function mixDown(channels: Int16Array[]): Int16Array {
  const out = new Int16Array(channels[0].length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(channels.reduce((sum, c) => sum + c[i], 0) / channels.length);
  return out;
}
