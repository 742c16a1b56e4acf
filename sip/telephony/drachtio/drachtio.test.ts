import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { callerIdentity } from '../../routing';
import { ConferenceExistsError, PromptUnavailableError } from '../port';
import { Simulator } from '../sim/simulator';
import { DrachtioConference, RECORDING_CLOSE_WAIT_MS } from './conference';
import { DrachtioTelephony } from './engine';
import { inboundCall } from './inbound';
import { DrachtioLeg } from './leg';
import { MediaHealth, SATURATION_COOLDOWN_MS } from './media-health';
import { event, FakeConference, FakeDialog, FakeEndpoint, FakeFreeswitch, fakeMediaServer, fakeRequest, fakeSrf, LEAVE_AFTER_MS } from './fakes';
import type { CreateUacOptions, SrfDialog } from './types';

const noError = () => {};
const prompt = (id: string) => ({ id, uri: `/prompts/fr/${id}.wav` });
const later = () => new Promise((resolve) => setTimeout(resolve, LEAVE_AFTER_MS * 3));

function telephonyOn(freeswitch = new FakeFreeswitch()) {
  const ms = fakeMediaServer(new FakeEndpoint(freeswitch), new FakeDialog());
  const srf = fakeSrf();
  const errors: string[] = [];
  const telephony = new DrachtioTelephony(srf, ms, 'fs-1', (_err, what) => errors.push(what), noError);
  return { telephony, ms, srf, freeswitch, errors };
}

/** A caller answered on `freeswitch` and joined to `conference`. */
async function member(conference: DrachtioConference, freeswitch: FakeFreeswitch, callId: string) {
  const endpoint = new FakeEndpoint(freeswitch);
  const dialog = new FakeDialog(callId);
  const leg = new DrachtioLeg(dialog, endpoint, noError);
  const memberId = await conference.join(leg, { muted: false, moderator: false });
  return { endpoint, dialog, leg, memberId };
}

describe('drachtio adapter: inbound calls', () => {
  it('answers with fsmrf connectCaller and collects digits with play_and_get_digits, # as terminator', async () => {
    const endpoint = new FakeEndpoint();
    const dialog = new FakeDialog();
    const ms = fakeMediaServer(endpoint, dialog);
    const req = fakeRequest({});
    const res = { finalResponseSent: false, send: vi.fn() };
    const call = inboundCall(req, res, ms, noError);
    expect(call.dialled).toBe('+33187654321');

    const leg = await call.answer();
    expect(ms.calls).toEqual([['connectCaller', [req, res]]]);
    expect(leg.dialogId).toBe('call-1@example;from-tag=caller-tag');
    const digits = await leg.collect({ prompt: prompt('enter-room-number'), maxDigits: 10, timeoutMs: 10_000 });
    expect(digits).toBe('4711');
    expect(endpoint.calls).toEqual([
      ['execute', ['play_and_get_digits', '1 10 1 10000 # /prompts/fr/enter-room-number.wav silence_stream://250 myDigitBuffer \\d+ 5000']],
    ]);
    await leg.play([prompt('goodbye')]);
    expect(endpoint.calls.at(-1)).toEqual(['play', ['/prompts/fr/goodbye.wav']]);
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

describe('drachtio adapter: prompts missing on the media server (TELEPHONY.md)', () => {
  it('rejects a play of a missing file with PromptUnavailableError, as fsmrf reports "File Not Found"', async () => {
    const endpoint = new FakeEndpoint();
    endpoint.freeswitch.missing.add('/prompts/fr/goodbye.wav');
    const leg = new DrachtioLeg(new FakeDialog(), endpoint, noError);
    await expect(endpoint.play('/prompts/fr/goodbye.wav')).rejects.toThrow('File Not Found');
    await expect(leg.play([prompt('room-ended'), prompt('goodbye')])).rejects.toBeInstanceOf(PromptUnavailableError);
    await expect(leg.play([prompt('room-ended')])).resolves.toBeUndefined();
  });

  it('tells a collect whose prompt is missing (nothing asked) from an empty entry (asked, nothing typed)', async () => {
    const endpoint = new FakeEndpoint();
    endpoint.freeswitch.missing.add('/prompts/fr/enter-pin.wav');
    const leg = new DrachtioLeg(new FakeDialog(), endpoint, noError);
    const options = { maxDigits: 13, timeoutMs: 10_000 };
    await expect(leg.collect({ prompt: prompt('enter-pin'), ...options })).rejects.toBeInstanceOf(PromptUnavailableError);
    endpoint.digits = '';
    expect(await leg.collect({ prompt: prompt('enter-room-number'), ...options })).toBe('');
  });

  it('resolves a conference-wide play of a missing file at once, as fsmrf does when FreeSWITCH does not queue it', async () => {
    const freeswitch = new FakeFreeswitch();
    freeswitch.missing.add('/prompts/fr/adhoc-nobody-answered.wav');
    const fsConference = new FakeConference('conf-1', freeswitch);
    await new DrachtioConference(fsConference, (c) => freeswitch.api(c), noError).play(prompt('adhoc-nobody-answered'));
    expect(fsConference.played).toEqual([]);
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
    expect(await leg.collect({ prompt: prompt('x'), maxDigits: 1, timeoutMs: 1 })).toBe('');
  });

  it('sends the caller BYE when FreeSWITCH hangs up its side of the leg, and tells the listeners once', async () => {
    const endpoint = new FakeEndpoint();
    const dialog = new FakeDialog();
    const leg = new DrachtioLeg(dialog, endpoint, noError);
    const hungUp = vi.fn();
    leg.onHangup(hungUp);
    await endpoint.freeswitch.api(`uuid_kill ${endpoint.uuid}`);
    await vi.waitFor(() => expect(dialog.byes).toBe(1));
    dialog.emit('destroy');
    expect(hungUp).toHaveBeenCalledTimes(1);
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

  it('kills a channel whose queued hangup never runs instead of waiting for it forever', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const endpoint = new FakeEndpoint();
      endpoint.hangupNeverRuns = true;
      const errors: string[] = [];
      const leg = new DrachtioLeg(new FakeDialog(), endpoint, (_err, what) => errors.push(what));
      const hangingUp = leg.hangup();
      await vi.advanceTimersByTimeAsync(5_000);
      await hangingUp;
      expect(errors).toEqual(['endpoint release failed: killing its channel']);
      expect(endpoint.calls).toContainEqual(['api', `uuid_kill ${endpoint.uuid}`]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops waiting for digits when the caller hangs up during the prompt', async () => {
    const endpoint = new FakeEndpoint();
    endpoint.execute = () => new Promise(() => {});
    const dialog = new FakeDialog();
    const leg = new DrachtioLeg(dialog, endpoint, noError);
    const digits = leg.collect({ prompt: prompt('enter-pin'), maxDigits: 12, timeoutMs: 10_000 });
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

describe('drachtio adapter: conferences on FreeSWITCH >= 1.10.7 (TELEPHONY.md)', () => {
  it('joins with the member flags and mutes through the member endpoints', async () => {
    const freeswitch = new FakeFreeswitch();
    const conference = new DrachtioConference(new FakeConference('conf-1', freeswitch), (c) => freeswitch.api(c), noError);
    const { endpoint, memberId } = await member(conference, freeswitch, 'a@x');
    expect(memberId).toBe(2);
    expect(endpoint.calls[0]).toEqual(['join', { conference: 'conf-1', flags: { mute: false, moderator: false } }]);
    await conference.mute(memberId);
    await conference.unmute(memberId);
    expect(endpoint.calls.slice(1).map((c) => c[0])).toEqual(['confMute', 'confUnmute']);
  });

  it("fsmrf's Conference#destroy never resolves; ours kills the control leg, and FreeSWITCH then hangs up everyone left", async () => {
    const freeswitch = new FakeFreeswitch();
    const fsConference = new FakeConference('conf-1', freeswitch);
    const settled = vi.fn();
    void fsConference.destroy().then(settled);
    const conference = new DrachtioConference(fsConference, (c) => freeswitch.api(c), noError);
    const caller = await member(conference, freeswitch, 'a@x');
    const left: number[] = [];
    conference.on('memberLeft', (id) => left.push(id));

    await conference.destroy();
    expect(freeswitch.apiCalls).toEqual([`uuid_kill ${fsConference.endpoint.uuid}`]);
    expect(freeswitch.conferences.has('conf-1')).toBe(true);
    await later();
    expect(freeswitch.conferences.has('conf-1')).toBe(false);
    expect(left).toEqual([caller.memberId]);
    expect(caller.dialog.byes).toBe(1);
    expect(settled).not.toHaveBeenCalled();
  });

  it('records the mix through fsmrf 4.1.2 Conference#startRecording and stops the same file (REC-1)', async () => {
    const freeswitch = new FakeFreeswitch();
    const fsConference = new FakeConference('conf-1', freeswitch);
    const conference = new DrachtioConference(fsConference, (c) => freeswitch.api(c), noError);
    await conference.startRecording('/media/recordings/t/recording-1.wav');
    await conference.stopRecording('/media/recordings/t/recording-1.wav');
    expect(fsConference.recordingCommands).toEqual(['conf-1 recording start /media/recordings/t/recording-1.wav', 'conf-1 recording stop /media/recordings/t/recording-1.wav']);
  });

  it('stops a recording only once FreeSWITCH reports its file closed, or after a bounded wait (REC-1)', async () => {
    const freeswitch = new FakeFreeswitch();
    const fsConference = new FakeConference('conf-1', freeswitch);
    const conference = new DrachtioConference(fsConference, (c) => freeswitch.api(c), noError);
    let close = () => {};
    fsConference.recordingClosed = (c) => (close = c);
    await conference.startRecording('/media/recordings/t/recording-1.wav');
    let stopped = false;
    const stopping = conference.stopRecording('/media/recordings/t/recording-1.wav').then(() => (stopped = true));
    await later();
    // FreeSWITCH has answered the stop but still writes its buffered audio.
    expect(stopped).toBe(false);
    fsConference.emit('stopRecording', event({ Action: 'stop-recording', Path: '/media/recordings/t/other.wav' }));
    await later();
    expect(stopped).toBe(false);
    close();
    await stopping;
    expect(fsConference.listenerCount('stopRecording')).toBe(0);

    vi.useFakeTimers();
    try {
      fsConference.recordingClosed = null;
      await conference.startRecording('/media/recordings/t/recording-2.wav');
      const lost = conference.stopRecording('/media/recordings/t/recording-2.wav');
      await vi.advanceTimersByTimeAsync(RECORDING_CLOSE_WAIT_MS);
      await lost;
      expect(fsConference.listenerCount('stopRecording')).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('kicks a member by killing its channel: the caller gets BYE, the member leaves a moment later', async () => {
    const freeswitch = new FakeFreeswitch();
    const conference = new DrachtioConference(new FakeConference('conf-1', freeswitch), (c) => freeswitch.api(c), noError);
    const caller = await member(conference, freeswitch, 'a@x');
    const left: number[] = [];
    conference.on('memberLeft', (id) => left.push(id));
    await conference.kick(caller.memberId);
    expect(left).toEqual([]);
    await later();
    expect(left).toEqual([caller.memberId]);
    expect(caller.dialog.byes).toBe(1);
  });

  it("never reports fsmrf's control member as a participant joining or leaving", () => {
    const fsConference = new FakeConference('conf-1');
    const conference = new DrachtioConference(fsConference, async () => '+OK', noError);
    const seen: string[] = [];
    conference.on('memberJoined', (id) => seen.push(`+${id}`));
    conference.on('memberLeft', (id) => seen.push(`-${id}`));
    for (const [name, id] of [['addMember', '1'], ['addMember', '7'], ['delMember', '1'], ['delMember', '7']])
      fsConference.emit(name, event({ 'Member-ID': id }));
    expect(seen).toEqual(['+7', '-7']);
  });

  it('reports talking members, without the control member', () => {
    const fsConference = new FakeConference('conf-1');
    const conference = new DrachtioConference(fsConference, async () => '+OK', noError);
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
    const fsConference = new FakeConference('conf-1');
    const conference = new DrachtioConference(fsConference, async () => '+OK', noError);
    await conference.startMusic({ id: 'music', uri: 'local_stream://moh' });
    await conference.stopMusic();
    expect(fsConference.played).toEqual(['local_stream://moh']);
    expect(fsConference.apiCalls).toEqual(['conference conf-1 stop all']);
  });

  it('rejects a name FreeSWITCH has with the bare string fsmrf uses, turned into ConferenceExistsError', async () => {
    const { telephony, ms } = telephonyOn();
    await telephony.createConference('conf-1');
    await expect(ms.createConference('conf-1', {})).rejects.toBe('conference exists');
    await expect(telephony.createConference('conf-1')).rejects.toBeInstanceOf(ConferenceExistsError);
    expect(await telephony.conferenceExists('conf-1')).toBe(true);
    expect(await telephony.conferenceExists('conf-2')).toBe(false);
  });

  it('answers kick all at once while the members leave later: until then the name stays taken', async () => {
    const { telephony, freeswitch } = telephonyOn();
    const conference = (await telephony.createConference('conf-1')) as DrachtioConference;
    await member(conference, freeswitch, 'a@x');
    expect(await freeswitch.api('conference conf-1 kick all')).toBe('+OK kick all\n');
    await expect(telephony.createConference('conf-1')).rejects.toBeInstanceOf(ConferenceExistsError);
    await later();
    await expect(telephony.createConference('conf-1')).resolves.toBeDefined();
  });

  it('clears a conference a dead process left with hup all; its members leave a moment later', async () => {
    const { telephony, freeswitch } = telephonyOn();
    const conference = (await telephony.createConference('conf-1')) as DrachtioConference;
    await member(conference, freeswitch, 'a@x');
    await telephony.clearConference('conf-1');
    expect(freeswitch.apiCalls.at(-1)).toBe('conference conf-1 hup all');
    await later();
    expect(await telephony.conferenceExists('conf-1')).toBe(false);
  });
});

describe('drachtio adapter: dialogs a previous run left up', () => {
  it('sends BYE inside a dialog drachtio-server kept, by its id, and says when there is none', async () => {
    const { telephony, srf, errors } = telephonyOn();
    const dialog = new FakeDialog('a@x');
    srf.dialogs.set(dialog.id, dialog);
    expect(await telephony.endLeftoverDialog(dialog.id)).toBe(true);
    expect(srf.requests).toEqual([{ uri: 'sip:placeholder', method: 'BYE', stackDialogId: 'a@x;from-tag=caller-tag' }]);
    expect(dialog.byes).toBe(1);
    expect(await telephony.endLeftoverDialog(dialog.id)).toBe(false);
    expect(errors).toEqual(['no BYE for leftover dialog a@x;from-tag=caller-tag']);
  });

  it('plays keypad answers to one member only, several files back to back as one file_string (C-4)', async () => {
    const fsConference = new FakeConference('room-1');
    const conference = new DrachtioConference(fsConference, async () => '+OK', noError);
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
    const telephony = new DrachtioTelephony({ ...fakeSrf(), createUAC }, fakeMediaServer(endpoint, dialog), 'fs-1', noError, noError);
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
    const telephony = new DrachtioTelephony({ ...fakeSrf(), createUAC }, fakeMediaServer(endpoint, new FakeDialog()), 'fs-1', noError, noError);
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
    const telephony = new DrachtioTelephony({ ...fakeSrf(), createUAC }, fakeMediaServer(new FakeEndpoint(), new FakeDialog()), 'fs-1', noError, noError);
    expect(await telephony.dialOut(request)).toEqual({ result });
  });

  it('reports a media failure when FreeSWITCH cannot give an endpoint', async () => {
    const ms = fakeMediaServer(new FakeEndpoint(), new FakeDialog());
    ms.createEndpoint = async () => Promise.reject(new Error('Connection timeout'));
    const failures: unknown[] = [];
    const telephony = new DrachtioTelephony({ ...fakeSrf(), createUAC: vi.fn() }, ms, 'fs-1', noError, (err) => failures.push(err));
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
