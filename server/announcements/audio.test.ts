import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import libsamplerate from '@alexanderolsen/libsamplerate-js';
import { toneWav } from '@/test/audio';
import { AudioRefused, MAX_ANNOUNCEMENT_BYTES, toTelephoneWav } from './audio';

function read(bytes: Uint8Array) {
  const wav = new wavefile.WaveFile(bytes);
  const samples = wav.getSamples(false, Float64Array) as unknown as Float64Array;
  const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
  return { fmt: wav.fmt as { numChannels: number; sampleRate: number; bitsPerSample: number; audioFormat: number }, samples, rms };
}

const refusal = (bytes: Uint8Array) => toTelephoneWav(bytes).then(() => 'accepted', (e: unknown) => (e instanceof AudioRefused ? e.code : String(e)));

describe('T-2 welcome announcement audio: checked, converted to 8 kHz 16-bit mono WAV', () => {
  it('converts a 44.1 kHz stereo WAV, keeping the voice band and its length', async () => {
    const { wav, durationMs } = await toTelephoneWav(toneWav({ seconds: 2 }));
    const out = read(wav);
    expect(out.fmt).toMatchObject({ numChannels: 1, sampleRate: 8000, bitsPerSample: 16, audioFormat: 1 });
    expect(durationMs).toBe(2000);
    expect(Math.abs(out.samples.length - 16_000)).toBeLessThanOrEqual(2);
    // A 440 Hz sine at half scale: RMS ≈ 0.5 / √2 of 32767.
    expect(out.rms).toBeGreaterThan(10_000);
    expect(out.rms).toBeLessThan(13_000);
  });

  it('resamples piecewise exactly as in one go: no seam, no lost or extra sample', async () => {
    const input = toneWav({ seconds: 3.7, rate: 44_100, channels: 1, hz: 1000 });
    const ours = read((await toTelephoneWav(input)).wav).samples;
    const whole = await libsamplerate.create(1, 44_100, 8000, { converterType: libsamplerate.ConverterType.SRC_SINC_MEDIUM_QUALITY });
    const samples = new wavefile.WaveFile(input).getSamples(false, Float32Array) as unknown as Float32Array;
    const reference = whole.simple(Float32Array.from(samples, (v) => v / 32768));
    whole.destroy();
    expect(ours.length).toBe(Math.round((samples.length * 8000) / 44_100));
    let worst = 0;
    for (let i = 0; i < Math.min(ours.length, reference.length); i++) worst = Math.max(worst, Math.abs(ours[i] - Math.round(reference[i] * 32767)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('lets the process serve others while it converts a minute of audio', async () => {
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await toTelephoneWav(toneWav({ seconds: 59, rate: 44_100, channels: 1 }));
    running = false;
    // One turn at least per second of audio resampled: never held for the whole conversion.
    expect(turns).toBeGreaterThanOrEqual(59);
  });

  it('filters what a phone line cannot carry instead of folding it back (6 kHz tone → near silence)', async () => {
    const out = read((await toTelephoneWav(toneWav({ seconds: 1, rate: 48_000, channels: 1, hz: 6000 }))).wav);
    expect(out.rms).toBeLessThan(600);
  });

  it('reads float and 8 kHz mono files as they are', async () => {
    expect((await toTelephoneWav(toneWav({ seconds: 1, rate: 16_000, channels: 1, depth: '32f' }))).durationMs).toBe(1000);
    const same = await toTelephoneWav(toneWav({ seconds: 0.5, rate: 8000, channels: 1 }));
    expect(read(same.wav).samples.length).toBe(4000);
  });

  it('decodes an MP3', async () => {
    const { wav, durationMs } = await toTelephoneWav(new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures/tone-1500ms.mp3'))));
    expect(durationMs).toBeGreaterThanOrEqual(1500);
    expect(durationMs).toBeLessThan(1600);
    expect(read(wav).fmt).toMatchObject({ numChannels: 1, sampleRate: 8000, bitsPerSample: 16 });
  });

  it('refuses what is not audio, whatever it claims to be', async () => {
    const riffNotWav = new TextEncoder().encode('RIFF\u0010\u0000\u0000\u0000WAVEjunkjunkjunk');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const fakeMp3 = new Uint8Array([0xff, 0xff, 0xff, 0xff, ...new Array(2000).fill(7)]);
    for (const bytes of [new TextEncoder().encode('hello, this is text'), png, riffNotWav, fakeMp3, new Uint8Array(), toneWav({ seconds: 0 })])
      expect(await refusal(bytes)).toBe('announcement.notAudio');
  });

  it('refuses more than 60 s, and a file over the size cap before decoding it', async () => {
    expect(await refusal(toneWav({ seconds: 61, rate: 8000, channels: 1 }))).toBe('announcement.tooLong');
    expect((await toTelephoneWav(toneWav({ seconds: 60, rate: 8000, channels: 1 }))).durationMs).toBe(60_000);
    expect(await refusal(new Uint8Array(MAX_ANNOUNCEMENT_BYTES + 1))).toBe('announcement.tooBig');
  });
});
