import { EventEmitter } from 'node:events';
import type { EslEvent, FsConference, FsEndpoint, FsMediaServer, SentRequest, SrfDialog, SrfLike, SrfRequest } from './types';

/*
 * Fakes of the drachtio-srf / drachtio-fsmrf objects: the only mocks of this project. They behave
 * as the real servers were seen to behave (../shared/TELEPHONY.md), each fact with its test in
 * drachtio.test.ts:
 * - fsmrf's Conference#destroy never resolves (FreeSWITCH >= 1.10.7);
 * - `conference <name> kick|hup all` answers at once and the members leave later, the name staying
 *   taken until the last one has; uuid_kill of a channel likewise;
 * - createConference of a name FreeSWITCH has rejects with the bare string 'conference exists';
 * - playing a missing file rejects with Error('File Not Found'); play_and_get_digits with a missing
 *   prompt returns at once with nothing collected and no `read_result`; a conference-wide play of a
 *   missing file is not queued and resolves at once.
 */

/** How long FreeSWITCH takes to act on a kick, hup or kill, in these fakes. */
export const LEAVE_AFTER_MS = 30;

let nextId = 1;

export class FakeDialog extends EventEmitter implements SrfDialog {
  sip: { callId: string };
  id: string;
  remote = { sdp: 'v=0 callee' };
  byes = 0;
  constructor(callId = 'call-1@example') {
    super();
    this.sip = { callId };
    // drachtio-server names a dialog by its Call-ID and the From tag (seen on 0.9.5).
    this.id = `${callId};from-tag=caller-tag`;
  }
  destroy(_opts: object, callback: (err?: Error | null) => void) {
    this.byes++;
    callback(null);
  }
}

/** A FreeSWITCH channel as fsmrf's Endpoint shows it. */
export class FakeEndpoint extends EventEmitter implements FsEndpoint {
  uuid = `channel-${nextId++}`;
  local = { sdp: 'v=0 endpoint' };
  calls: [string, unknown][] = [];
  destroyed = 0;
  /** What the caller types at the next play_and_get_digits. */
  digits = '4711';
  /** The channel is up on FreeSWITCH. */
  up = true;
  /** Set on the control leg of a conference: its queued hangup never runs (recvonly member). */
  hangupNeverRuns = false;

  constructor(readonly freeswitch = new FakeFreeswitch()) {
    super();
    freeswitch.channels.set(this.uuid, this);
  }

  async play(file: string | string[]) {
    this.calls.push(['play', file]);
    if ([file].flat().some((f) => this.freeswitch.missing.has(f))) throw new Error('File Not Found');
  }

  async execute(app: string, arg: string): Promise<EslEvent> {
    this.calls.push(['execute', [app, arg]]);
    if (app !== 'play_and_get_digits') return event({ Application: app });
    const prompt = arg.split(' ')[5];
    if (this.freeswitch.missing.has(prompt)) return event({ Application: app });
    return event({ Application: app, variable_read_result: this.digits ? 'success' : 'timeout', ...(this.digits ? { variable_myDigitBuffer: this.digits } : {}) });
  }

  /** How long the caller speaks at the next `record`. */
  recordedMs = 3000;

  async record(file: string, opts: { timeLimitSecs: number; silenceThresh: number; silenceHits: number }) {
    this.calls.push(['record', [file, opts]]);
    return { recordMilliseconds: String(this.recordedMs) };
  }

  async api(command: string, args: string) {
    this.calls.push(['api', `${command} ${args}`]);
    return this.freeswitch.api(`${command} ${args}`);
  }

  async join(conference: FsConference, opts: { flags: Record<string, boolean> }) {
    this.calls.push(['join', { conference: conference.name, ...opts }]);
    const memberId = this.freeswitch.join(conference.name, this);
    return { memberId, confUuid: `uuid-${conference.name}` };
  }

  async confMute() {
    this.calls.push(['confMute', null]);
  }

  async confUnmute() {
    this.calls.push(['confUnmute', null]);
  }

  async modify(sdp: string) {
    this.calls.push(['modify', sdp]);
  }

  /** fsmrf queues a hangup and resolves when FreeSWITCH has hung up: never for a recvonly control leg. */
  destroy(): Promise<void> {
    this.destroyed++;
    if (this.hangupNeverRuns) return new Promise(() => {});
    this.freeswitch.hangUp(this.uuid, { byUs: true });
    return Promise.resolve();
  }
}

/** fsmrf's Conference: its control member is a recvonly leg joined first. */
export class FakeConference extends EventEmitter implements FsConference {
  memberId: number;
  played: string[] = [];
  endpoint: FakeEndpoint;

  constructor(
    readonly name: string,
    freeswitch = new FakeFreeswitch(),
  ) {
    super();
    this.endpoint = new FakeEndpoint(freeswitch);
    this.endpoint.hangupNeverRuns = true;
    freeswitch.conferences.set(name, { conference: this, members: new Map(), nextMemberId: 1 });
    this.memberId = freeswitch.join(name, this.endpoint);
  }

  get apiCalls(): string[] {
    return this.endpoint.calls.filter((c) => c[0] === 'api').map((c) => c[1] as string);
  }

  /** Not queued by FreeSWITCH when the file is missing: fsmrf then resolves at once. */
  async play(file: string) {
    if (this.endpoint.freeswitch.missing.has(file)) return;
    this.played.push(file);
  }

  async lock() {}

  async unlock() {}

  /** What fsmrf sends FreeSWITCH for startRecording and stopRecording. */
  recordingCommands: string[] = [];

  async startRecording(file: string) {
    this.recordingCommands.push(`${this.name} recording start ${file}`);
  }

  /** Set: FreeSWITCH reports the file closed only when this is called (null: never). Unset: a moment after the answer, as it does. */
  recordingClosed: ((close: () => void) => void) | null | undefined;

  async stopRecording(file: string) {
    this.recordingCommands.push(`${this.name} recording stop ${file}`);
    const close = () => this.emit('stopRecording', event({ Action: 'stop-recording', Path: file }));
    if (this.recordingClosed === undefined) setImmediate(close);
    else this.recordingClosed?.(close);
  }

  /** fsmrf 4.1.2 on FreeSWITCH >= 1.10.7: queues a hangup on the control leg that never runs. */
  destroy(): Promise<void> {
    return this.endpoint.destroy();
  }
}

interface FakeFsConference {
  conference: FakeConference;
  members: Map<number, FakeEndpoint>;
  nextMemberId: number;
}

/** The state of one FreeSWITCH: its channels, its conferences, the files it lacks. */
export class FakeFreeswitch {
  readonly channels = new Map<string, FakeEndpoint>();
  readonly conferences = new Map<string, FakeFsConference>();
  readonly missing = new Set<string>();
  readonly apiCalls: string[] = [];

  join(name: string, endpoint: FakeEndpoint): number {
    const conference = this.conferences.get(name);
    if (!conference) throw new Error(`no conference ${name}`);
    const memberId = conference.nextMemberId++;
    conference.members.set(memberId, endpoint);
    conference.conference.emit('addMember', event({ 'Member-ID': String(memberId) }));
    return memberId;
  }

  async api(command: string): Promise<string> {
    this.apiCalls.push(command);
    const [verb, name, sub, target] = command.trim().split(/\s+/);
    if (verb === 'uuid_kill') {
      if (!this.channels.get(name)?.up) return '-ERR No such channel!\n';
      setTimeout(() => this.hangUp(name), LEAVE_AFTER_MS);
      return '+OK\n';
    }
    if (verb !== 'conference') return '-ERR unknown command\n';
    const conference = this.conferences.get(name);
    if (!conference) return `-ERR Conference ${name} not found\n`;
    if (sub === 'list' && target === 'count') return `${conference.members.size}\n`;
    if ((sub === 'kick' || sub === 'hup') && target === 'all') {
      // The members leave the mix a moment later; their channels stay up (socket application).
      setTimeout(() => {
        for (const memberId of [...conference.members.keys()]) this.leave(name, memberId);
      }, LEAVE_AFTER_MS);
      return `+OK ${sub} all\n`;
    }
    return '+OK\n';
  }

  /** The channel hangs up: it leaves its conference; the control leg's leaving ends the conference (endconf). */
  hangUp(uuid: string, { byUs = false } = {}): void {
    const channel = this.channels.get(uuid);
    if (!channel?.up) return;
    channel.up = false;
    for (const [name, conference] of this.conferences) {
      const memberId = [...conference.members].find(([, endpoint]) => endpoint === channel)?.[0];
      if (memberId === undefined) continue;
      this.leave(name, memberId);
      if (memberId === conference.conference.memberId) {
        for (const other of [...conference.members.values()]) this.hangUp(other.uuid);
      }
    }
    // fsmrf reports a hangup it did not ask for as the endpoint's destroy event.
    if (!byUs) channel.emit('destroy');
  }

  private leave(name: string, memberId: number): void {
    const conference = this.conferences.get(name);
    if (!conference?.members.delete(memberId)) return;
    conference.conference.emit('delMember', event({ 'Member-ID': String(memberId) }));
    if (conference.members.size === 0) this.conferences.delete(name);
  }
}

export const event = (headers: Record<string, string>): EslEvent => ({ getHeader: (name) => headers[name] });

export function fakeRequest(headers: Record<string, string>, from = '"Alice" <sip:+33612345678@carrier.example.com>'): SrfRequest {
  return {
    uri: 'sip:+33187654321@bridge.example.net',
    body: 'v=0 caller',
    get: (name) => ({ 'Call-ID': 'call-1@example', ...headers })[name],
    has: (name) => name in headers,
    getParsedHeader(name) {
      if (name === 'From') {
        const match = /^(?:"([^"]*)"\s*)?<([^>]+)>$/.exec(from);
        if (!match) throw new Error('unparsable From');
        return { name: match[1], uri: match[2] };
      }
      return { uri: headers['P-Asserted-Identity'].replace(/[<>]/g, '') };
    },
  };
}

export function fakeMediaServer(endpoint: FakeEndpoint, dialog: FakeDialog) {
  const freeswitch = endpoint.freeswitch;
  const calls: [string, unknown[]][] = [];
  const ms: FsMediaServer & { calls: typeof calls; freeswitch: FakeFreeswitch } = {
    address: '10.0.0.5',
    calls,
    freeswitch,
    connected: () => true,
    async connectCaller(...args) {
      calls.push(['connectCaller', args]);
      return { endpoint, dialog };
    },
    async createEndpoint() {
      calls.push(['createEndpoint', []]);
      return endpoint;
    },
    async createConference(name, opts) {
      calls.push(['createConference', [name, opts]]);
      // fsmrf asks `conference <name> list count` first and rejects with a bare string.
      if (freeswitch.conferences.has(name)) throw 'conference exists';
      return new FakeConference(name, freeswitch);
    },
    async api(command) {
      calls.push(['api', [command]]);
      return freeswitch.api(command);
    },
  };
  return ms;
}

/** drachtio-srf with a drachtio-server that keeps dialogs across application restarts. */
export function fakeSrf(dialogs: Map<string, FakeDialog> = new Map()) {
  const requests: { uri: string; method: string; stackDialogId: string }[] = [];
  const srf: SrfLike & { requests: typeof requests; dialogs: typeof dialogs } = {
    requests,
    dialogs,
    createUAC: async () => {
      throw new Error('no dial-out in this fake');
    },
    request(uri, opts, callback) {
      requests.push({ uri, method: opts.method, stackDialogId: opts.stackDialogId });
      const dialog = dialogs.get(opts.stackDialogId);
      // drachtio-server answers an unknown dialog id with an error: the request is not sent.
      if (!dialog) return callback(new Error('unable to find dialog for dialog id provided'));
      dialogs.delete(opts.stackDialogId);
      dialog.byes++;
      const sent = new EventEmitter();
      callback(null, sent as unknown as SentRequest);
      // The far end's 200 can come in the same read as drachtio-server's acknowledgement.
      sent.emit('response', { status: 200 });
    },
  };
  return srf;
}
