import { MPEGDecoder } from 'mpg123-decoder';
import libsamplerate from '@alexanderolsen/libsamplerate-js';
import wavefile from 'wavefile';

/** An upload larger than this is refused before it is decoded (60 s of 44.1 kHz stereo WAV is 10.6 MB: MP3 or mono fits). */
export const MAX_ANNOUNCEMENT_BYTES = 10 * 1024 * 1024;
/** T-2: a welcome announcement lasts at most a minute. */
export const MAX_ANNOUNCEMENT_MS = 60_000;
/** What FreeSWITCH plays on narrow-band calls without resampling, like the prompts (sip/prompts/generate.ts). */
export const TELEPHONE_SAMPLE_RATE = 8000;

export type AudioRefusalCode = 'announcement.notAudio' | 'announcement.tooLong' | 'announcement.tooBig';

export class AudioRefused extends Error {
  constructor(readonly code: AudioRefusalCode) {
    super(code);
  }
}

export interface TelephoneAudio {
  /** 8 kHz, 16-bit, mono PCM WAV. */
  wav: Uint8Array;
  durationMs: number;
}

interface Decoded {
  channels: ArrayLike<number>[];
  sampleRate: number;
}

/**
 * T-2: an uploaded (or phone-recorded) file becomes what the media server plays. It must really
 * be a WAV or an MP3 (decoded, not judged by its name or type), last at most 60 s, and is mixed
 * down to mono and resampled to 8 kHz 16-bit.
 */
export async function toTelephoneWav(bytes: Uint8Array): Promise<TelephoneAudio> {
  if (bytes.byteLength > MAX_ANNOUNCEMENT_BYTES) throw new AudioRefused('announcement.tooBig');
  const decoded = isWav(bytes) ? decodeWav(bytes) : isMp3(bytes) ? await decodeMp3(bytes) : null;
  const length = decoded?.channels[0]?.length ?? 0;
  if (!decoded || length === 0 || !(decoded.sampleRate > 0)) throw new AudioRefused('announcement.notAudio');
  const durationMs = Math.round((length / decoded.sampleRate) * 1000);
  if (durationMs > MAX_ANNOUNCEMENT_MS) throw new AudioRefused('announcement.tooLong');
  // Each step of a minute of audio holds the event loop tens of milliseconds: others are served between them.
  await yieldToEventLoop();
  const mixed = mono(decoded.channels, length);
  await yieldToEventLoop();
  const voice = await resample(mixed, decoded.sampleRate);
  const out = new wavefile.WaveFile();
  out.fromScratch(1, TELEPHONE_SAMPLE_RATE, '16', toInt16(voice));
  return { wav: out.toBuffer(), durationMs };
}

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

function isWav(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 12 && ['RIFF', 'RIFX', 'RF64'].includes(ascii(bytes, 0, 4)) && ascii(bytes, 8, 12) === 'WAVE';
}

/** An ID3 tag, or an MPEG audio frame header's sync word. */
function isMp3(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 4 && (ascii(bytes, 0, 3) === 'ID3' || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0));
}

interface WavFormat {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
}

const ALAW = 6;
const MULAW = 7;
const IMA_ADPCM = 17;

/** PCM of any depth, float, A-law, µ-law and IMA ADPCM: what phones, editors and PBXs export. */
function decodeWav(bytes: Uint8Array): Decoded | null {
  const wav = new wavefile.WaveFile();
  try {
    wav.fromBuffer(bytes);
    // Copied: wavefile rewrites its fmt object in place while converting.
    const format = { ...(wav.fmt as WavFormat) };
    if (format.audioFormat === ALAW) wav.fromALaw();
    else if (format.audioFormat === MULAW) wav.fromMuLaw();
    else if (format.audioFormat === IMA_ADPCM) wav.fromIMAADPCM();
    if (!(format.numChannels >= 1)) return null;
    const scale = sampleScale(wav.bitDepth);
    if (!scale) return null;
    const samples = wav.getSamples(false, Float32Array) as unknown as Float32Array | Float32Array[];
    const channels = format.numChannels === 1 ? [samples as Float32Array] : (samples as Float32Array[]);
    for (const channel of channels) for (let i = 0; i < channel.length; i++) channel[i] = (channel[i] - scale.offset) / scale.full;
    return { channels, sampleRate: format.sampleRate };
  } catch {
    // wavefile throws on a header it cannot read or a format it does not know: not a WAV we can play.
    return null;
  }
}

/** getSamples gives integers as stored (8-bit unsigned around 128); scaling here is much faster than wavefile's toBitDepth. */
function sampleScale(bitDepth: string): { offset: number; full: number } | null {
  if (bitDepth === '32f' || bitDepth === '64') return { offset: 0, full: 1 };
  const bits = Number(bitDepth);
  if (!Number.isInteger(bits) || bits < 8 || bits > 32) return null;
  return bits === 8 ? { offset: 128, full: 128 } : { offset: 0, full: 2 ** (bits - 1) };
}

const MP3_CHUNK_BYTES = 64 * 1024;

/** Fed in chunks and stopped once past 60 s: a long MP3 is refused without decoding it all into memory. */
async function decodeMp3(bytes: Uint8Array): Promise<Decoded | null> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const channels: Float32Array[][] = [];
    let sampleRate = 0;
    let total = 0;
    for (let offset = 0; offset < bytes.byteLength; offset += MP3_CHUNK_BYTES) {
      const part = decoder.decode(bytes.subarray(offset, offset + MP3_CHUNK_BYTES));
      if (part.samplesDecoded === 0) continue;
      sampleRate = part.sampleRate;
      total += part.samplesDecoded;
      part.channelData.forEach((data, i) => (channels[i] ??= []).push(data.slice(0, part.samplesDecoded)));
      if (total > (sampleRate * MAX_ANNOUNCEMENT_MS) / 1000 + sampleRate) throw new AudioRefused('announcement.tooLong');
      await yieldToEventLoop();
    }
    if (total === 0) return null;
    return { channels: channels.map(concat), sampleRate };
  } finally {
    decoder.free();
  }
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function mono(channels: ArrayLike<number>[], length: number): Float32Array {
  const out = new Float32Array(length);
  for (const channel of channels) for (let i = 0; i < length; i++) out[i] += channel[i] / channels.length;
  return out;
}

/** Work is cut into pieces of about this much audio, the event loop served between them. */
const RESAMPLE_CHUNK_SECONDS = 1;
/** Silence fed after the voice so that the filter gives back its last samples (its delay is a few ms). */
const FLUSH_SECONDS = 0.1;

/**
 * libsamplerate's band-limited sinc (medium quality): downsampling without its low-pass filter
 * would fold everything above 4 kHz back into the voice band. Fed a second at a time through its
 * streaming API (the filter state carries over), yielding in between: converting a minute of
 * audio takes about half a second of CPU, which must not stall every other request of the web
 * process (bench:announcement prints the longest stall).
 */
async function resample(samples: Float32Array, rate: number): Promise<Float32Array> {
  if (rate === TELEPHONE_SAMPLE_RATE) return samples;
  const converter = await libsamplerate.create(1, rate, TELEPHONE_SAMPLE_RATE, { converterType: libsamplerate.ConverterType.SRC_SINC_MEDIUM_QUALITY });
  try {
    const expected = Math.round((samples.length * TELEPHONE_SAMPLE_RATE) / rate);
    const out = new Float32Array(expected);
    const input = concat([samples, new Float32Array(Math.ceil(rate * FLUSH_SECONDS))]);
    const step = Math.round(rate * RESAMPLE_CHUNK_SECONDS);
    let written = 0;
    for (let at = 0; at < input.length && written < expected; at += step) {
      const part = converter.full(input.subarray(at, at + step));
      const kept = Math.min(part.length, expected - written);
      out.set(part.subarray(0, kept), written);
      written += kept;
      await yieldToEventLoop();
    }
    return out.subarray(0, written);
  } finally {
    converter.destroy();
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767);
  return out;
}
