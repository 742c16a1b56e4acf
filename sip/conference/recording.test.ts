import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { MPEGDecoder } from 'mpg123-decoder';
import wavefile from 'wavefile';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { recordings, type Room } from '@/server/db/schema';
import { eventsSince } from '@/server/live/events';
import { finishRecordings } from '@/server/recordings/service';
import { storage } from '@/server/storage/storage';
import { useTestDatabase } from '@/test/database';
import pino from 'pino';
import { MAX_RECORDING_MS } from './live-conference';
import { endWhatAPreviousRunLeft } from './recovery';
import { Simulator } from '../telephony/sim/simulator';
import { heardInside, mediaOf, roomCallers } from '../testing/callers';
import { conferenceRecords, seedRoom, seedTenant } from '../testing/fixtures';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let roomSeq = 6700;
let mediaDir: string;

beforeAll(async () => {
  tenant = await seedTenant();
  mediaDir = await mkdtemp(path.join(os.tmpdir(), 'rec-media-'));
});

async function room(options: Partial<Pick<Room, 'recordFromStart' | 'announceRecording'>> = {}) {
  const roomNumber = String(++roomSeq);
  await seedRoom(tenant, { roomNumber, startsAt: start, pin: '111111', ...options });
  return roomCallers(tenant, roomNumber, '111111');
}

const keys = (...presses: [number, string][]) => presses.map(([ms, typed]) => ({ at: at(ms), keys: typed }));
const rowsOf = (conferenceId: string) => db().select().from(recordings).where(eq(recordings.conferenceId, conferenceId)).orderBy(recordings.startedAt);

function wavSeconds(bytes: Uint8Array): number {
  const wav = new wavefile.WaveFile();
  wav.fromBuffer(bytes);
  const fmt = wav.fmt as { sampleRate: number; blockAlign: number };
  return (wav.data as { chunkSize: number }).chunkSize / fmt.blockAlign / fmt.sampleRate;
}

async function mp3Seconds(bytes: Uint8Array): Promise<number> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  const { samplesDecoded, sampleRate } = decoder.decode(bytes);
  decoder.free();
  return samplesDecoded / sampleRate;
}

describe('recording (REC-1) on the simulator', () => {
  it('recordFromStart: starts once two callers are in, announced to them and to a later caller, stops when one is left; a real WAV of that length', async () => {
    const { organizer, participant } = await room({ recordFromStart: true });
    const sim = new Simulator({ at: at(0), mediaDir });
    const host = sim.place(organizer({ stayMs: 10 * MIN }));
    const { conferenceId } = await host.outcome;
    await sim.clock.sleep(MIN);
    const caller = sim.place(participant('+33611111111', { stayMs: 4 * MIN }));
    await caller.outcome;
    await sim.clock.sleep(MIN);
    const late = sim.place(participant('+33622222222', { stayMs: MIN }));
    await late.outcome;
    await sim.settled();

    expect(heardInside(host.sim.leg).filter((p) => p.startsWith('recording'))).toEqual(['recording-started', 'recording-stopped']);
    expect(heardInside(late.sim.leg)[0]).toBe('recording-in-progress');
    expect(mediaOf(sim, host.sim.leg).log.filter((e) => e.startsWith('recording:'))).toEqual(['recording:on', 'recording:off']);
    const [row] = await rowsOf(conferenceId!);
    expect(row).toMatchObject({ tenantId: tenant.tenantId, state: 'encoding', startedAt: at(MIN), stoppedAt: at(5 * MIN) });
    expect(wavSeconds(new Uint8Array(await readFile(row.wavPath!)))).toBeCloseTo(240, 1);
    // The live page hears it as the conference's state (L-1).
    const events = await eventsSince({ tenantId: tenant.tenantId, conferenceId: conferenceId!, afterId: 0, limit: 1000 });
    expect(events.filter((e) => e.kind === 'conference-updated').map((e) => [(e.payload as { recording?: boolean }).recording, e.at])).toEqual([
      [true, at(MIN)],
      [false, at(5 * MIN)],
    ]);
    expect(await finishRecordings(at(10 * MIN))).toEqual({ ready: 1, failed: 0 });
  });

  it('*7 by a moderator alone waits for a second caller; *7 again stops; the worker encodes an MP3 of the recorded length (within 10 %) into the tenant storage', async () => {
    const { organizer, participant } = await room({ announceRecording: false });
    const sim = new Simulator({ at: at(0), mediaDir });
    const host = sim.place(organizer({ stayMs: 10 * MIN, keys: keys([MIN / 2, '*7'], [MIN + 3_000, '*7']) }));
    const { conferenceId } = await host.outcome;
    await sim.clock.sleep(MIN);
    const caller = sim.place(participant('+33611111111', { stayMs: 2 * MIN }));
    await caller.outcome;
    await sim.settled();
    // announceRecording off: the moderator alone hears the toggles, nobody else.
    expect(heardInside(host.sim.leg).filter((p) => p.startsWith('recording'))).toEqual(['recording-started', 'recording-stopped']);
    expect(heardInside(caller.sim.leg).filter((p) => p.startsWith('recording'))).toEqual([]);
    const { actions } = await conferenceRecords(conferenceId!);
    expect(actions.map((a) => [a.action, a.result])).toEqual([
      ['record', 'ok'],
      ['stop-record', 'ok'],
    ]);

    const [encoding] = await rowsOf(conferenceId!);
    // From the second caller's entry (a minute and the time to type the room and PIN) to the second *7.
    const recordedSeconds = (encoding.stoppedAt!.getTime() - encoding.startedAt.getTime()) / 1000;
    expect(recordedSeconds).toBeGreaterThan(2);
    expect(recordedSeconds).toBeLessThan(4);
    expect(await finishRecordings(at(20 * MIN))).toEqual({ ready: 1, failed: 0 });
    const [ready] = await rowsOf(conferenceId!);
    expect(ready).toMatchObject({ state: 'ready', wavPath: null, durationSeconds: Math.round(recordedSeconds), readyAt: at(20 * MIN) });
    await expect(stat(encoding.wavPath!)).rejects.toThrow();
    const mp3 = (await storage().get(tenant.tenantId, ready.objectKey!))!;
    expect(mp3.byteLength).toBe(ready.sizeBytes);
    expect(Math.abs((await mp3Seconds(mp3)) - recordedSeconds) / recordedSeconds).toBeLessThan(0.1);
    expect(await finishRecordings(at(21 * MIN))).toEqual({ ready: 0, failed: 0 });
  });

  it('a media server that cannot record: *7 tells the moderator recording is unavailable, logged as failed, no row', async () => {
    const { organizer, participant } = await room({});
    const sim = new Simulator({ at: at(0), mediaDir, recordingRefused: true });
    const host = sim.place(organizer({ stayMs: 5 * MIN, keys: keys([2 * MIN, '*7']) }));
    const { conferenceId } = await host.outcome;
    await sim.place(participant('+33611111111', { stayMs: 3 * MIN })).outcome;
    await sim.settled();
    expect(heardInside(host.sim.leg).filter((p) => p.startsWith('recording'))).toEqual(['recording-unavailable']);
    const { actions } = await conferenceRecords(conferenceId!);
    expect(actions.map((a) => [a.action, a.result])).toEqual([['record', 'failed']]);
    expect(await rowsOf(conferenceId!)).toEqual([]);
  });

  it('stops by itself after 7 hours and stays off; the WAV is 7 hours long', async () => {
    const { organizer, participant } = await room({ recordFromStart: true });
    const sim = new Simulator({ at: at(0), mediaDir });
    const host = sim.place(organizer({ stayMs: 8 * 60 * MIN }));
    const { conferenceId } = await host.outcome;
    await sim.place(participant('+33611111111', { stayMs: 8 * 60 * MIN })).outcome;
    await sim.settled();
    const rows = await rowsOf(conferenceId!);
    const [row] = rows;
    try {
      expect(rows).toHaveLength(1);
      expect(row.state).toBe('encoding');
      expect(row.stoppedAt!.getTime() - row.startedAt.getTime()).toBe(MAX_RECORDING_MS);
      expect((await stat(row.wavPath!)).size).toBe(44 + (MAX_RECORDING_MS / 1000) * 8000 * 2);
      expect(heardInside(host.sim.leg).filter((p) => p.startsWith('recording'))).toEqual(['recording-started', 'recording-stopped']);
    } finally {
      // 400 MB: not left for the worker of the next test to encode.
      await rm(row.wavPath!, { force: true });
      await db().update(recordings).set({ state: 'failed', failureReason: 'test' }).where(eq(recordings.id, row.id));
    }
  });

  it('a sip process that died while recording: once its conference is closed, the worker finishes the WAV FreeSWITCH left; a missing file fails with a reason', async () => {
    const { organizer, participant } = await room({ recordFromStart: true });
    const sim = new Simulator({ at: at(0), mediaDir });
    const host = sim.place(organizer({ stayMs: 3 * MIN }));
    const { conferenceId } = await host.outcome;
    await sim.place(participant('+33611111111', { stayMs: 3 * MIN })).outcome;
    await sim.clock.sleep(2 * MIN);
    sim.kill();
    const [left] = await rowsOf(conferenceId!);
    expect(left.state).toBe('recording');
    // The restart closes the records and clears the conference on the media server, which closes the file.
    const restarted = new Simulator({ engine: sim.engine, mediaDir });
    await endWhatAPreviousRunLeft({ services: restarted.deps.services, telephony: restarted.engine, clock: restarted.deps.clock, log: pino({ level: 'silent' }), sipInstance: restarted.sipInstance });
    const endedAt = restarted.clock.now();
    await restarted.settled();
    // Not at once: FreeSWITCH is still writing the end of the file.
    expect(await finishRecordings(new Date(endedAt.getTime() + 1000))).toEqual({ ready: 0, failed: 0 });
    expect((await rowsOf(conferenceId!))[0].state).toBe('recording');
    expect(await finishRecordings(at(30 * MIN))).toEqual({ ready: 1, failed: 0 });
    const [finished] = await rowsOf(conferenceId!);
    expect(finished).toMatchObject({ state: 'ready', stoppedAt: endedAt });
    expect(finished.durationSeconds).toBe(Math.round((endedAt.getTime() - finished.startedAt.getTime()) / 1000));

    await db().update(recordings).set({ state: 'encoding', wavPath: path.join(mediaDir, 'gone.wav') }).where(eq(recordings.id, finished.id));
    expect(await finishRecordings(at(31 * MIN))).toEqual({ ready: 0, failed: 1 });
    const [failed] = await rowsOf(conferenceId!);
    expect(failed).toMatchObject({ state: 'failed', failureReason: 'the media server wrote no file' });
  });
});
