import wavefile from 'wavefile';

/** A sine tone as a WAV file of the given shape, as an editor would export it (T-2 announcement tests). */
export function toneWav({ seconds, rate = 44_100, channels = 2, hz = 440, depth = '16' }: { seconds: number; rate?: number; channels?: number; hz?: number; depth?: string }): Uint8Array<ArrayBuffer> {
  const length = Math.round(seconds * rate);
  const full = depth === '32f' ? 0.5 : 0.5 * (2 ** (Number(depth) - 1) - 1);
  const channel = Float64Array.from({ length }, (_, i) => Math.round(full * Math.sin((2 * Math.PI * hz * i) / rate) * 1000) / 1000);
  const wav = new wavefile.WaveFile();
  wav.fromScratch(channels, rate, depth, channels === 1 ? channel : Array.from({ length: channels }, () => channel));
  return new Uint8Array(wav.toBuffer());
}
