import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

/** What FreeSWITCH records a conference in here: mono, 8 kHz, 16 bit. */
export const SIM_RECORDING_RATE = 8000;
const HEADER_BYTES = 44;
/** One second of the tone, repeated: 440 Hz fits 8000 samples exactly 440 times. */
const SECOND = (() => {
  const samples = new Int16Array(SIM_RECORDING_RATE);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / SIM_RECORDING_RATE));
  return new Uint8Array(samples.buffer);
})();

/**
 * The simulated media server's recording: a real WAV (16-bit PCM) of the recorded length, a quiet
 * 440 Hz tone, so the whole pipeline (encoding, storage, download) runs without FreeSWITCH.
 * Written at once (synchronously: on the virtual clock, time would move on while a write was
 * pending), a second at a time, so a 7-hour recording never sits in memory.
 */
export function writeSimulatedRecording(file: string, durationMs: number): void {
  const samples = Math.round((durationMs / 1000) * SIM_RECORDING_RATE);
  const dataBytes = samples * 2;
  const header = new DataView(new ArrayBuffer(HEADER_BYTES));
  const ascii = (at: number, text: string) => [...text].forEach((c, i) => header.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  header.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  header.setUint32(16, 16, true);
  header.setUint16(20, 1, true); // PCM
  header.setUint16(22, 1, true); // mono
  header.setUint32(24, SIM_RECORDING_RATE, true);
  header.setUint32(28, SIM_RECORDING_RATE * 2, true);
  header.setUint16(32, 2, true);
  header.setUint16(34, 16, true);
  ascii(36, 'data');
  header.setUint32(40, dataBytes, true);
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, new Uint8Array(header.buffer));
    for (let written = 0; written < dataBytes; written += SECOND.length) writeSync(fd, SECOND, 0, Math.min(SECOND.length, dataBytes - written));
  } finally {
    closeSync(fd);
  }
}
