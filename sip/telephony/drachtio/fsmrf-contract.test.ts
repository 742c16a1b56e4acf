import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
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
  constructor(private readonly uuid: string) {
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
  execute(app: string, arg: string, callback?: (evt: unknown) => void) {
    this.executed.push([app, arg]);
    callback?.(eslEvent({ Application: app, ...(this.typed ? { variable_myDigitBuffer: this.typed } : {}) }));
  }
  api(command: string, args: string, callback: (res: unknown) => void) {
    this.apiCalls.push(`${command} ${args}`);
    callback(eslEvent({}, `+OK ${args}\n`));
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

function realConference(): { conference: FsConference; control: FakeEslConnection } {
  const { endpoint, conn } = realEndpoint('control-leg');
  (endpoint as unknown as { conf: { memberId: number } }).conf.memberId = 1;
  return { conference: new Conference('room-1', 'conf-uuid', endpoint, {}), control: conn };
}

describe('drachtio-fsmrf 4.1.2 contract', () => {
  it('joins with the FreeSWITCH member flags the adapter asks for, and learns the member id', async () => {
    const { conference } = realConference();
    const { endpoint, conn } = realEndpoint('caller-leg');
    const media = new DrachtioConference(conference, () => {});
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

  it('reports members leaving from real del-member events, never the control member', () => {
    const { conference, control } = realConference();
    const media = new DrachtioConference(conference, () => {});
    const seen: string[] = [];
    media.on('memberJoined', (id) => seen.push(`+${id}`));
    media.on('memberLeft', (id) => seen.push(`-${id}`));
    control.conferenceEvent('add-member', { 'Member-ID': '7', 'Conference-Size': '2' });
    control.conferenceEvent('del-member', { 'Member-ID': '7', 'Conference-Size': '1' });
    control.conferenceEvent('del-member', { 'Member-ID': '1', 'Conference-Size': '0' });
    expect(seen).toEqual(['+7', '-7']);
  });

  it('sends mute, kick and music stop as FreeSWITCH conference API commands', async () => {
    const { conference, control } = realConference();
    const { endpoint, conn } = realEndpoint('caller-leg');
    const media = new DrachtioConference(conference, () => {});
    const joining = media.join(new DrachtioLeg(new FakeDialog(), endpoint, () => {}), { muted: false, moderator: false });
    conn.conferenceEvent('add-member', { 'Member-ID': '7', 'Conference-Unique-ID': 'conf-uuid' });
    await joining;
    await media.mute(7);
    await media.kick(7);
    await media.stopMusic();
    expect(conn.apiCalls).toEqual(['conference room-1 mute 7 ', 'conference room-1 kick 7 ']);
    expect(control.apiCalls).toEqual(['conference room-1 stop all']);
  });
});
