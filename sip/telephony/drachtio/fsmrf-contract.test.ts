import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { PromptUnavailableError } from '../port';
import { DrachtioConference } from './conference';
import { FakeDialog } from './fakes';
import { DrachtioLeg } from './leg';
import type { FsConference, FsEndpoint } from './types';

/**
 * drachtio-fsmrf's own Endpoint and Conference, on a fake event-socket connection: checks that
 * what the adapter calls and listens for is what fsmrf 4.1.2 really sends to FreeSWITCH and emits.
 */
const require = createRequire(import.meta.url);
const Endpoint = require('drachtio-fsmrf/lib/endpoint.js');
const Conference = require('drachtio-fsmrf/lib/conference.js');

type Headers = Record<string, string>;
const eslEvent = (headers: Headers, body = '') => ({ getHeader: (name: string) => headers[name], getBody: () => body });

class FakeEslConnection extends EventEmitter {
  executed: [string, string][] = [];
  apiCalls: string[] = [];
  constructor(readonly uuid: string) {
    super();
  }
  getInfo() {
    return eslEvent({ 'Channel-Unique-ID': this.uuid, variable_sip_call_id: `${this.uuid}@fs` });
  }
  subscribe() {}
  filter() {}
  connected() {
    return true;
  }
  /** Digits FreeSWITCH collected for the next play_and_get_digits. */
  typed: string | undefined;
  /** Files this FreeSWITCH does not have. */
  missing = new Set<string>();
  /** A recvonly control member inside mod_conference never runs what is queued on it. */
  runsQueue = true;
  execute(app: string, arg: string, callback?: (evt: unknown) => void) {
    this.executed.push([app, arg]);
    if (!this.runsQueue) return;
    callback?.(eslEvent({ Application: app, ...this.outcome(app, arg) }));
  }
  /** What FreeSWITCH puts in CHANNEL_EXECUTE_COMPLETE (switch_ivr_read, mod_dptools playback). */
  private outcome(app: string, arg: string): Headers {
    if (app === 'playback') return arg.split('!').some((f) => this.missing.has(f)) ? { 'Application-Response': 'FILE NOT FOUND' } : { 'Application-Response': 'FILE PLAYED' };
    if (app === 'record') return { variable_record_ms: '4200', variable_playback_terminator_used: '#' };
    if (app !== 'play_and_get_digits') return {};
    // read_result is cleared when reading starts and not set again when the prompt cannot be played.
    if (this.missing.has(arg.split(' ')[5])) return {};
    return this.typed ? { variable_myDigitBuffer: this.typed, variable_read_result: 'success' } : { variable_read_result: 'timeout' };
  }
  /** Set: FreeSWITCH cannot open recording files (mod_conference answers with an error). */
  recordingRefused = false;
  api(command: string, args: string, callback: (res: unknown) => void) {
    this.apiCalls.push(`${command} ${args}`);
    // mod_conference's own answers to `recording start|stop <file>`.
    const recording = /^\S+ recording (start|stop) (\S+)$/.exec(args);
    if (recording && this.recordingRefused) return callback(eslEvent({}, '-ERR Conference recording failed\n'));
    if (recording) return callback(eslEvent({}, recording[1] === 'start' ? `Record file ${recording[2]}\n` : `Stopped recording file ${recording[2]}\n`));
    callback(eslEvent({}, `+OK ${args}\n`));
  }
  /** FreeSWITCH hung up the channel. */
  hangup() {
    this.emit(`esl::event::CHANNEL_CALLSTATE::${this.uuid}`, eslEvent({ 'Channel-Call-State': 'HANGUP' }));
  }
  /** What FreeSWITCH sends when a member enters or leaves a conference. */
  conferenceEvent(action: string, headers: Headers) {
    this.emit('esl::event::CUSTOM::*', eslEvent({ 'Event-Subclass': 'conference::maintenance', Action: action, ...headers }));
  }
}

function realEndpoint(uuid: string): { endpoint: FsEndpoint; conn: FakeEslConnection } {
  const conn = new FakeEslConnection(uuid);
  return { endpoint: new Endpoint(conn, new FakeDialog(), {}, {}), conn };
}

function realConference(): { conference: FsConference & { destroy(): Promise<void> }; control: FakeEslConnection } {
  const { endpoint, conn } = realEndpoint('control-leg');
  (endpoint as unknown as { conf: { memberId: number } }).conf.memberId = 1;
  return { conference: new Conference('room-1', 'conf-uuid', endpoint, {}), control: conn };
}

/** The media server's inbound event socket, for API commands. */
function inboundApi() {
  const commands: string[] = [];
  return { commands, api: async (command: string) => (commands.push(command), '+OK\n') };
}

describe('drachtio-fsmrf 4.1.2 contract', () => {
  it('joins with the FreeSWITCH member flags the adapter asks for, and learns the member id', async () => {
    const { conference } = realConference();
    const { endpoint, conn } = realEndpoint('caller-leg');
    const media = new DrachtioConference(conference, inboundApi().api, () => {});
    const joining = media.join(new DrachtioLeg(new FakeDialog(), endpoint, () => {}), { muted: true, moderator: true });
    conn.conferenceEvent('add-member', { 'Member-ID': '7', 'Conference-Unique-ID': 'conf-uuid' });
    expect(await joining).toBe(7);
    // FreeSWITCH's conference app syntax is name+pin+flags{…}; fsmrf leaves the pin empty.
    expect(conn.executed).toContainEqual(['conference', 'room-1++flags{mute|moderator}']);
  });

  it('collects digits with play_and_get_digits and plays several prompts in one playback', async () => {
    const { endpoint, conn } = realEndpoint('caller-leg');
    const leg = new DrachtioLeg(new FakeDialog(), endpoint, () => {});
    conn.typed = '4711';
    const digits = await leg.collect({ prompt: { id: 'enter-room-number', uri: '/p/fr/enter-room-number.wav' }, maxDigits: 11, timeoutMs: 10_000 });
    expect(digits).toBe('4711');
    expect(conn.executed.at(-1)).toEqual(['play_and_get_digits', '1 11 1 10000 # /p/fr/enter-room-number.wav silence_stream://250 myDigitBuffer \\d+ 5000']);
    await leg.play([
      { id: 'room-ended', uri: '/p/fr/room-ended.wav' },
      { id: 'goodbye', uri: '/p/fr/goodbye.wav' },
    ]);
    expect(conn.executed.slice(-2)).toEqual([
      ['set', 'playback_delimiter=!'],
      ['playback', '/p/fr/room-ended.wav!/p/fr/goodbye.wav'],
    ]);
  });

  it('records with FreeSWITCH record, # as terminator, and reads the length recorded (T-2 *73)', async () => {
    const { endpoint, conn } = realEndpoint('caller-leg');
    const leg = new DrachtioLeg(new FakeDialog(), endpoint, () => {});
    expect(await leg.record({ uri: '/media/recordings/t/recording-1.wav', maxMs: 60_000 })).toEqual({ durationMs: 4200 });
    expect(conn.executed).toEqual([
      ['set', 'playback_terminators=#'],
      ['record', '/media/recordings/t/recording-1.wav 60 200 5'],
    ]);
  });

  it('reports members leaving from real del-member events, never the control member', () => {
    const { conference, control } = realConference();
    const media = new DrachtioConference(conference, inboundApi().api, () => {});
    const seen: string[] = [];
    media.on('memberJoined', (id) => seen.push(`+${id}`));
    media.on('memberLeft', (id) => seen.push(`-${id}`));
    control.conferenceEvent('add-member', { 'Member-ID': '7', 'Conference-Size': '2' });
    control.conferenceEvent('del-member', { 'Member-ID': '7', 'Conference-Size': '1' });
    control.conferenceEvent('del-member', { 'Member-ID': '1', 'Conference-Size': '0' });
    expect(seen).toEqual(['+7', '-7']);
  });

  it('sends mute and music stop as FreeSWITCH conference API commands, and kicks by killing the member channel', async () => {
    const { conference, control } = realConference();
    const { endpoint, conn } = realEndpoint('caller-leg');
    const inbound = inboundApi();
    const media = new DrachtioConference(conference, inbound.api, () => {});
    const joining = media.join(new DrachtioLeg(new FakeDialog(), endpoint, () => {}), { muted: false, moderator: false });
    conn.conferenceEvent('add-member', { 'Member-ID': '7', 'Conference-Unique-ID': 'conf-uuid' });
    await joining;
    await media.mute(7);
    await media.kick(7);
    await media.stopMusic();
    expect(conn.apiCalls).toEqual(['conference room-1 mute 7 ']);
    expect(control.apiCalls).toEqual(['conference room-1 stop all']);
    expect(inbound.commands).toEqual(['uuid_kill caller-leg']);
  });

  it('records the mix with mod_conference recording start/stop on the control leg; a refusal rejects (REC-1)', async () => {
    const { conference, control } = realConference();
    const media = new DrachtioConference(conference, inboundApi().api, () => {});
    await media.startRecording('/media/recordings/t/recording-1.wav');
    let stopped = false;
    const stopping = media.stopRecording('/media/recordings/t/recording-1.wav').then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    // FreeSWITCH 1.10.12 (conference_record.c) sends this once the WAV is written and closed; fsmrf emits it as `stopRecording`.
    control.conferenceEvent('stop-recording', { Path: '/media/recordings/t/recording-1.wav', 'Conference-Unique-ID': 'conf-uuid' });
    await stopping;
    expect(control.apiCalls.map((c) => c.replace(/\s+/g, ' '))).toEqual([
      'conference room-1 recording start /media/recordings/t/recording-1.wav',
      'conference room-1 recording stop /media/recordings/t/recording-1.wav',
    ]);
    control.recordingRefused = true;
    await expect(media.startRecording('/media/recordings/t/recording-2.wav')).rejects.toThrow(/recording failed/);
  });

  it("never settles Conference#destroy when the recvonly control member does not run its queue; ours kills the control leg", async () => {
    const { conference, control } = realConference();
    control.runsQueue = false;
    const settled = vi.fn();
    void conference.destroy().then(settled, settled);
    const inbound = inboundApi();
    await new DrachtioConference(conference, inbound.api, () => {}).destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(control.executed).toEqual([['hangup', '']]);
    expect(settled).not.toHaveBeenCalled();
    expect(inbound.commands).toEqual(['uuid_kill control-leg']);
  });

  it('tells a missing prompt from an empty entry by read_result, and a missing file by FILE NOT FOUND', async () => {
    const { endpoint, conn } = realEndpoint('caller-leg');
    const leg = new DrachtioLeg(new FakeDialog(), endpoint, () => {});
    conn.missing.add('/p/en/enter-pin.wav');
    await expect(leg.collect({ prompt: { id: 'enter-pin', uri: '/p/en/enter-pin.wav' }, maxDigits: 13, timeoutMs: 10_000 })).rejects.toBeInstanceOf(PromptUnavailableError);
    expect(await leg.collect({ prompt: { id: 'enter-room-number', uri: '/p/en/enter-room-number.wav' }, maxDigits: 11, timeoutMs: 10_000 })).toBe('');
    await expect(leg.play([{ id: 'invalid-pin', uri: '/p/en/enter-pin.wav' }])).rejects.toBeInstanceOf(PromptUnavailableError);
  });

  it('BYEs the caller when FreeSWITCH hangs up the channel (fsmrf emits destroy on the HANGUP call state)', async () => {
    const { endpoint, conn } = realEndpoint('caller-leg');
    const dialog = new FakeDialog();
    const leg = new DrachtioLeg(dialog, endpoint, () => {});
    const hungUp = vi.fn();
    leg.onHangup(hungUp);
    conn.hangup();
    await vi.waitFor(() => expect(dialog.byes).toBe(1));
    expect(hungUp).toHaveBeenCalledTimes(1);
  });
});
