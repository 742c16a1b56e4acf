import { EventEmitter } from 'node:events';
import type { EslEvent, FsConference, FsEndpoint, FsMediaServer, PlayCollectOptions, SrfDialog, SrfRequest } from './types';

/* Fakes of the drachtio-srf / drachtio-fsmrf objects: the only mocks of this project. */

export class FakeDialog extends EventEmitter implements SrfDialog {
  sip = { callId: 'call-1@example' };
  remote = { sdp: 'v=0 callee' };
  byes = 0;
  destroy(_opts: object, callback: (err?: Error | null) => void) {
    this.byes++;
    callback(null);
  }
}

export class FakeEndpoint extends EventEmitter implements FsEndpoint {
  local = { sdp: 'v=0 endpoint' };
  calls: [string, unknown][] = [];
  destroyed = 0;
  digits = '4711';
  async play(file: string | string[]) {
    this.calls.push(['play', file]);
  }
  async playCollect(opts: PlayCollectOptions) {
    this.calls.push(['playCollect', opts]);
    return { digits: this.digits };
  }
  async join(conference: FsConference, opts: { flags: Record<string, boolean> }) {
    this.calls.push(['join', { conference: conference.name, ...opts }]);
    return { memberId: 7, confUuid: 'uuid-1' };
  }
  async confMute() {
    this.calls.push(['confMute', null]);
  }
  async confUnmute() {
    this.calls.push(['confUnmute', null]);
  }
  async confKick() {
    this.calls.push(['confKick', null]);
  }
  async modify(sdp: string) {
    this.calls.push(['modify', sdp]);
  }
  async destroy() {
    this.destroyed++;
  }
}

export class FakeConference extends EventEmitter implements FsConference {
  name = 'room-1';
  memberId = 1;
  apiCalls: string[] = [];
  played: string[] = [];
  endpoint = { api: async (command: string, args: string) => void this.apiCalls.push(`${command} ${args}`) };
  async play(file: string) {
    this.played.push(file);
  }
  async lock() {}
  async unlock() {}
  async destroy() {}
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
  const calls: [string, unknown[]][] = [];
  const ms: FsMediaServer & { calls: typeof calls; conferenceError?: unknown } = {
    address: '10.0.0.5',
    calls,
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
      if (ms.conferenceError) throw ms.conferenceError;
      return new FakeConference();
    },
    async api(command) {
      calls.push(['api', [command]]);
      return '+OK';
    },
  };
  return ms;
}
