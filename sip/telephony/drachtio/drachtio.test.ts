import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { callerIdentity } from '../../routing';
import { ConferenceExistsError } from '../port';
import { Simulator } from '../sim/simulator';
import { DrachtioConference } from './conference';
import { DrachtioTelephony } from './engine';
import { inboundCall } from './inbound';
import { DrachtioLeg } from './leg';
import { MediaHealth, SATURATION_COOLDOWN_MS } from './media-health';
import { event, FakeConference, FakeDialog, FakeEndpoint, fakeMediaServer, fakeRequest } from './fakes';
import type { CreateUacOptions, SrfDialog } from './types';

const noError = () => {};

describe('drachtio adapter: inbound calls', () => {
  it('answers with fsmrf connectCaller and collects digits with playCollect, # as terminator', async () => {
    const endpoint = new FakeEndpoint();
    const dialog = new FakeDialog();
    const ms = fakeMediaServer(endpoint, dialog);
    const req = fakeRequest({});
    const res = { finalResponseSent: false, send: vi.fn() };
    const call = inboundCall(req, res, ms, noError);
    expect(call.dialled).toBe('+33187654321');

    const leg = await call.answer();
    expect(ms.calls).toEqual([['connectCaller', [req, res]]]);
    const digits = await leg.collect({ prompt: { id: 'enter-room-number', uri: '/prompts/fr/enter-room-number.wav' }, maxDigits: 10, timeoutMs: 10_000 });
    expect(digits).toBe('4711');
    expect(endpoint.calls).toEqual([
      [
        'playCollect',
        { file: '/prompts/fr/enter-room-number.wav', min: 1, max: 10, tries: 1, timeout: 10_000, digitTimeout: 5_000, terminators: '#', regexp: '\\d+' },
      ],
    ]);
    await leg.play([{ id: 'goodbye', uri: 'voicemail/vm-goodbye.wav' }]);
    expect(endpoint.calls.at(-1)).toEqual(['play', ['voicemail/vm-goodbye.wav']]);
  });

  it('refuses with the status given, once', async () => {
    const res = { finalResponseSent: false, send: vi.fn(() => (res.finalResponseSent = true)) };
    const call = inboundCall(fakeRequest({}), res, fakeMediaServer(new FakeEndpoint(), new FakeDialog()), noError);
    await call.refuse(503);
    await call.refuse(404);
    expect(res.send.mock.calls).toEqual([[503]]);
  });

  it.each([
    ['Privacy: id', { Privacy: 'id' }, undefined, true],
    ['an anonymous From', {}, '"Anonymous" <sip:anonymous@anonymous.invalid>', true],
    ['an unparsable From', {}, 'garbage', true],
    ['a P-Asserted-Identity', { 'P-Asserted-Identity': '<sip:+33698765432@carrier.example.com>' }, '<sip:anonymous@anonymous.invalid>', false],
    ['a plain caller', {}, undefined, false],
  ])('detects anonymity from the SIP headers with %s (D-2)', (_, headers, from, anonymous) => {
    const call = inboundCall(fakeRequest(headers, from), { finalResponseSent: false, send: vi.fn() }, fakeMediaServer(new FakeEndpoint(), new FakeDialog()), noError);
    expect(callerIdentity(call).anonymous).toBe(anonymous);
  });

  it('reads the caller name and number from From', () => {
    const call = inboundCall(fakeRequest({}), { finalResponseSent: false, send: vi.fn() }, fakeMediaServer(new FakeEndpoint(), new FakeDialog()), noError);
    expect(call.from).toEqual({ user: '+33612345678', host: 'carrier.example.com', displayName: 'Alice' });
  });
});

describe('drachtio adapter: leg cleanup', () => {
  it('releases the endpoint once when the caller hangs up, and tells the listeners', async () => {
    const endpoint = new FakeEndpoint();
    const dialog = new FakeDialog();
    const leg = new DrachtioLeg(dialog, endpoint, noError);
    const hungUp = vi.fn();
    leg.onHangup(hungUp);
    dialog.emit('destroy');
    await leg.hangup();
    await vi.waitFor(() => expect(endpoint.destroyed).toBe(1));
    expect(hungUp).toHaveBeenCalledTimes(1);
    expect(dialog.byes).toBe(0);
    expect(await leg.collect({ prompt: { id: 'x', uri: 'x' }, maxDigits: 1, timeoutMs: 1 })).toBe('');
  });

  it('sends BYE and releases the endpoint when we hang up, whatever the BYE does', async () => {
    const endpoint = new FakeEndpoint();
    const dialog = new FakeDialog();
    dialog.destroy = (_opts, callback) => {
      dialog.byes++;
      callback(new Error('dialog gone'));
    };
    const errors: string[] = [];
    const leg = new DrachtioLeg(dialog, endpoint, (_err, what) => errors.push(what));
    await leg.hangup();
    await leg.hangup();
    expect([dialog.byes, endpoint.destroyed]).toEqual([1, 1]);
    expect(errors).toEqual(['BYE failed']);
  });

  it('stops waiting for digits when the caller hangs up during the prompt', async () => {
    const endpoint = new FakeEndpoint();
    endpoint.playCollect = () => new Promise(() => {});
    const dialog = new FakeDialog();
    const leg = new DrachtioLeg(dialog, endpoint, noError);
    const digits = leg.collect({ prompt: { id: 'enter-pin', uri: 'conference/conf-pin.wav' }, maxDigits: 12, timeoutMs: 10_000 });
    dialog.emit('destroy');
    expect(await digits).toBe('');
  });

  it('passes keypad digits of the endpoint (RFC 2833 dtmf events) to the listener', () => {
    const endpoint = new FakeEndpoint();
    const leg = new DrachtioLeg(new FakeDialog(), endpoint, noError);
    const digits: string[] = [];
    leg.onDigit((d) => digits.push(d));
    endpoint.emit('dtmf', { dtmf: '*', duration: '160', source: 'RTP' });
    endpoint.emit('dtmf', { dtmf: '2', duration: '160', source: 'RTP' });
    expect(digits).toEqual(['*', '2']);
  });
});

describe('drachtio adapter: conferences', () => {
  it('joins with the member flags and controls members through their endpoints', async () => {
    const fsConference = new FakeConference();
    const conference = new DrachtioConference(fsConference, noError);
    const endpoint = new FakeEndpoint();
    const memberId = await conference.join(new DrachtioLeg(new FakeDialog(), endpoint, noError), { muted: true, moderator: false });
    expect(memberId).toBe(7);
    expect(endpoint.calls[0]).toEqual(['join', { conference: 'room-1', flags: { mute: true, moderator: false } }]);
    await conference.mute(7);
    await conference.unmute(7);
    await conference.kick(7);
    expect(endpoint.calls.slice(1).map((c) => c[0])).toEqual(['confMute', 'confUnmute', 'confKick']);
  });

  it("never reports fsmrf's control member as a participant joining or leaving", () => {
    const fsConference = new FakeConference();
    const conference = new DrachtioConference(fsConference, noError);
    const seen: string[] = [];
    conference.on('memberJoined', (id) => seen.push(`+${id}`));
    conference.on('memberLeft', (id) => seen.push(`-${id}`));
    for (const [name, id] of [['addMember', '1'], ['addMember', '7'], ['delMember', '1'], ['delMember', '7']])
      fsConference.emit(name, event({ 'Member-ID': id }));
    expect(seen).toEqual(['+7', '-7']);
  });

  it('reports talking members, without the control member', () => {
    const fsConference = new FakeConference();
    const conference = new DrachtioConference(fsConference, noError);
    const talking: [number, boolean][] = [];
    conference.on('talking', (id, on) => talking.push([id, on]));
    fsConference.emit('startTalking', event({ 'Member-ID': '7' }));
    fsConference.emit('startTalking', event({ 'Member-ID': '1' }));
    fsConference.emit('stopTalking', event({ 'Member-ID': '7' }));
    expect(talking).toEqual([
      [7, true],
      [7, false],
    ]);
  });

  it('plays music without waiting for it to end and stops it with the conference API', async () => {
    const fsConference = new FakeConference();
    const conference = new DrachtioConference(fsConference, noError);
    await conference.startMusic({ id: 'music', uri: 'local_stream://moh' });
    await conference.stopMusic();
    expect(fsConference.played).toEqual(['local_stream://moh']);
    expect(fsConference.apiCalls).toEqual(['conference room-1 stop all']);
  });

  it('turns fsmrf\'s "conference exists" into ConferenceExistsError and clears with kick all', async () => {
    const ms = fakeMediaServer(new FakeEndpoint(), new FakeDialog());
    ms.conferenceError = 'conference exists';
    const telephony = new DrachtioTelephony({ createUAC: vi.fn() }, ms, 'fs-1', noError, noError);
    await expect(telephony.createConference('room-1')).rejects.toBeInstanceOf(ConferenceExistsError);
    await telephony.clearConference('room-1');
    expect(ms.calls.at(-1)).toEqual(['api', ['conference room-1 kick all']]);
  });

  it('plays keypad answers to one member only, several files back to back as one file_string (C-4)', async () => {
    const fsConference = new FakeConference();
    const conference = new DrachtioConference(fsConference, noError);
    await conference.playTo(7, [{ id: 'you-are-muted', uri: '/p/en/you-are-muted.wav' }]);
    await conference.playTo(7, [
      { id: 'count-there-are', uri: '/p/en/count-there-are.wav' },
      { id: 'number-12', uri: '/p/en/numbers/number-12.wav' },
    ]);
    expect(fsConference.apiCalls).toEqual([
      'conference room-1 play /p/en/you-are-muted.wav 7',
      'conference room-1 play file_string:///p/en/count-there-are.wav!/p/en/numbers/number-12.wav 7',
    ]);
  });
});

describe('drachtio adapter: dial-out', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const request = {
    uri: 'sip:0123456789@sbc.example.net',
    headers: { From: '<sip:201@acme.example.net>', 'P-Asserted-Identity': '<sip:201@acme.example.net>' },
    timeoutMs: 30_000,
  };

  it('offers a new endpoint SDP with the headers, then points the endpoint at the answer', async () => {
    const endpoint = new FakeEndpoint();
    const dialog = new FakeDialog();
    const createUAC = vi.fn(async (_uri: string, _opts: CreateUacOptions) => dialog);
    const telephony = new DrachtioTelephony({ createUAC }, fakeMediaServer(endpoint, dialog), 'fs-1', noError, noError);
    const outcome = await telephony.dialOut(request);
    expect(outcome.result).toBe('answered');
    expect(createUAC).toHaveBeenCalledWith(
      'sip:0123456789@sbc.example.net',
      { localSdp: 'v=0 endpoint', headers: request.headers },
      { cbRequest: expect.any(Function) },
    );
    expect(endpoint.calls).toEqual([['modify', 'v=0 callee']]);
  });

  it('cancels the INVITE when nobody answers within the timeout and releases the endpoint (A-2)', async () => {
    const endpoint = new FakeEndpoint();
    const cancel = vi.fn();
    const createUAC = (_uri: string, _opts: CreateUacOptions, progress: { cbRequest: (err: unknown, req: { cancel: () => void }) => void }) =>
      new Promise<SrfDialog>((_, reject) => {
        progress.cbRequest(null, { cancel: () => (cancel(), reject(Object.assign(new Error('cancelled'), { status: 487 }))) });
      });
    const telephony = new DrachtioTelephony({ createUAC }, fakeMediaServer(endpoint, new FakeDialog()), 'fs-1', noError, noError);
    const pending = telephony.dialOut(request);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(cancel).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ result: 'no-answer' });
    expect(endpoint.destroyed).toBe(1);
  });

  it.each([
    [486, 'busy'],
    [603, 'busy'],
    [480, 'no-answer'],
    [404, 'failed'],
  ])('maps a %i final response to %s', async (status, result) => {
    const createUAC = async () => Promise.reject(Object.assign(new Error('rejected'), { status }));
    const telephony = new DrachtioTelephony({ createUAC }, fakeMediaServer(new FakeEndpoint(), new FakeDialog()), 'fs-1', noError, noError);
    expect(await telephony.dialOut(request)).toEqual({ result });
  });

  it('reports a media failure when FreeSWITCH cannot give an endpoint', async () => {
    const ms = fakeMediaServer(new FakeEndpoint(), new FakeDialog());
    ms.createEndpoint = async () => Promise.reject(new Error('Connection timeout'));
    const failures: unknown[] = [];
    const telephony = new DrachtioTelephony({ createUAC: vi.fn() }, ms, 'fs-1', noError, (err) => failures.push(err));
    expect(await telephony.dialOut(request)).toEqual({ result: 'failed' });
    expect(failures).toHaveLength(1);
  });
});

describe('overload (fsmrf connect timeout)', () => {
  it('survives the unhandled dialog.destroy() rejection and refuses new calls with 503 until the cooldown passes', async () => {
    let now = 0;
    const ms = { cpuIdle: 80, up: true, connected: () => ms.up };
    const health = new MediaHealth(ms, () => now, pino({ level: 'silent' }));
    const processLike = new EventEmitter();
    health.guardProcess(processLike as unknown as NodeJS.Process);
    processLike.emit('unhandledRejection', new Error('dialog destroy failed'));
    expect(health.available()).toBe(false);

    const sim = new Simulator({ at: new Date('2026-03-02T09:00:00Z') });
    sim.deps.mediaAvailable = () => health.available();
    const { outcome, sim: call } = await sim.run({ dialled: '+33187654321', from: { user: '+33612345678', host: 'c.example' } });
    expect(outcome).toEqual({ decision: 'refused', reason: 'media-unavailable' });
    expect(call.refusedWith).toBe(503);

    now += SATURATION_COOLDOWN_MS;
    expect(health.available()).toBe(true);
    ms.cpuIdle = 2;
    expect(health.available()).toBe(false);
    ms.cpuIdle = 80;
    ms.up = false;
    expect(health.available()).toBe(false);
  });
});
