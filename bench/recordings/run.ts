/**
 * REC-1 benchmark: encoding a conference recording (16-bit 8 kHz mono WAV, as FreeSWITCH writes
 * it) to MP3 in the worker, beside a bare read of the same file block by block (the baseline:
 * what encoding costs above the I/O), in turns in the same run. Prints seconds of audio per
 * second of CPU (real-time factor), the ratio to the baseline, and the RSS growth: a long
 * recording must not be held whole. `npm run bench:recordings` (BENCH_MINUTES, default 30).
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeWavFile } from '@/server/recordings/mp3';
import { writeSimulatedRecording } from '@/sip/telephony/sim/recording';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 30);
const TURNS = 3;

async function bareRead(file: string): Promise<number> {
  const handle = await open(file, 'r');
  const block = new Uint8Array(1152 * 32 * 2);
  let total = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(block, 0, block.length, total);
      if (bytesRead === 0) return total;
      total += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-recordings-'));
  const file = path.join(dir, 'recording.wav');
  try {
    writeSimulatedRecording(file, MINUTES * 60_000);
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const encodeMs: number[] = [];
    const readMs: number[] = [];
    let mp3Bytes = 0;
    for (let turn = 0; turn < TURNS; turn++) {
      let t0 = performance.now();
      await bareRead(file);
      readMs.push(performance.now() - t0);
      t0 = performance.now();
      mp3Bytes = (await encodeWavFile(file)).mp3.byteLength;
      encodeMs.push(performance.now() - t0);
    }
    clearInterval(sampler);
    const encode = median(encodeMs);
    const read = median(readMs);
    console.log(
      JSON.stringify(
        {
          audioMinutes: MINUTES,
          wavMB: Math.round((MINUTES * 60 * 16_000) / 1e5) / 10,
          mp3MB: Math.round(mp3Bytes / 1e5) / 10,
          encodeMsMedian: Math.round(encode),
          bareReadMsMedian: Math.round(read),
          ratioToBareRead: Math.round((encode / read) * 10) / 10,
          realTimeFactor: Math.round((MINUTES * 60_000) / encode),
          peakRssGrowthMB: Math.round((peakRss - rssBefore) / 1e6),
        },
        null,
        2,
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
