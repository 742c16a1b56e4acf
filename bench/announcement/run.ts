/**
 * T-2 benchmark: converting an uploaded welcome announcement (decode, check, mix down, resample to
 * 8 kHz, encode), beside the baseline of reading the same file's samples only, in the same run.
 * The conversion runs on the web process's event loop, in pieces of a second of audio: the
 * "longest stall" column is the longest time the loop was held (every other request waits that long).
 * `npm run bench:announcement` (about 30 s).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import wavefile from 'wavefile';
import { toTelephoneWav } from '@/server/announcements/audio';
import { toneWav } from '@/test/audio';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const inputs: { name: string; bytes: Uint8Array }[] = [
  { name: '59 s WAV 44.1 kHz mono 16-bit', bytes: toneWav({ seconds: 59, rate: 44_100, channels: 1 }) },
  { name: '59 s WAV 48 kHz mono 16-bit', bytes: toneWav({ seconds: 59, rate: 48_000, channels: 1 }) },
  { name: '59 s WAV 22.05 kHz stereo 16-bit', bytes: toneWav({ seconds: 59, rate: 22_050, channels: 2 }) },
  { name: '59 s WAV 8 kHz mono 16-bit', bytes: toneWav({ seconds: 59, rate: 8000, channels: 1 }) },
  { name: '1.5 s MP3 22.05 kHz 32 kbit/s', bytes: new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../server/announcements/fixtures/tone-1500ms.mp3'))) },
];

/** Median of ROUNDS runs, in ms. */
async function median(work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** The longest the event loop was held while `work` ran, in ms: the worst gap between turns of a ticker served at every turn. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  tick();
  running = false;
  return worst;
}

// Warm the WebAssembly modules up once, as a long-running web process has.
await toTelephoneWav(inputs[0].bytes);

console.log(`announcement conversion, median of ${ROUNDS} (ms); baseline: wavefile reading the samples only`);
for (const { name, bytes } of inputs) {
  const convert = await median(() => toTelephoneWav(bytes));
  const stall = await longestStall(() => toTelephoneWav(bytes));
  const isWav = String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF';
  const baseline = isWav ? await median(() => new wavefile.WaveFile(bytes).getSamples(false, Float32Array)) : NaN;
  const ratio = isWav ? `${(convert / baseline).toFixed(1)}× baseline (${baseline.toFixed(0)} ms)` : 'no WAV baseline';
  console.log(`${name.padEnd(34)} ${(bytes.byteLength / 1e6).toFixed(2).padStart(6)} MB  ${convert.toFixed(0).padStart(6)} ms  longest stall ${stall.toFixed(0).padStart(4)} ms  ${ratio}`);
}
