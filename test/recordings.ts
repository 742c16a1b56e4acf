import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finishRecordings, recordingStarted, recordingStopped } from '@/server/recordings/service';
import { writeSimulatedRecording } from '@/sip/telephony/sim/recording';

/**
 * A recording of a conference through the real pipeline: the simulated media server's WAV, the
 * rows the sip process writes, then the worker's encoding into the tenant storage.
 */
export async function readyRecording(tenantId: string, conferenceId: string, seconds: number, startedAt: Date): Promise<string> {
  const wavPath = path.join(await mkdtemp(path.join(os.tmpdir(), 'rec-test-')), 'recording.wav');
  writeSimulatedRecording(wavPath, seconds * 1000);
  const id = await recordingStarted({ tenantId, conferenceId, wavPath, startedAt });
  const stoppedAt = new Date(startedAt.getTime() + seconds * 1000);
  await recordingStopped(tenantId, id, stoppedAt);
  await finishRecordings(stoppedAt);
  return id;
}
