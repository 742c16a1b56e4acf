import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import wavefile from 'wavefile';

/** What FreeSWITCH records a conference in here: mono, 8 kHz, 16 bit. */
export const SIM_RECORDING_RATE = 8000;

/**
 * The simulated media server's recording: a real WAV of the recorded length, a quiet 440 Hz
 * tone, so the whole pipeline (encoding, storage, download) runs without FreeSWITCH. Written at
 * once (synchronously): on the virtual clock, time would move on while a write was pending.
 */
export function writeSimulatedRecording(file: string, durationMs: number): void {
  const samples = new Int16Array(Math.round((durationMs / 1000) * SIM_RECORDING_RATE));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / SIM_RECORDING_RATE));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, SIM_RECORDING_RATE, '16', samples);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, wav.toBuffer());
}
