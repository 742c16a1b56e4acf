/**
 * The parts of drachtio-srf 5 and drachtio-fsmrf 4.1.2 this adapter uses. fsmrf ships no types,
 * and drachtio-srf's declare Dialog#destroy as returning void where it returns a promise without
 * callback; declaring only what we call keeps the adapter honest and lets its tests use fakes.
 */
export interface ParsedAddress {
  name?: string;
  uri: string;
}

/** drachtio-srf's Request. Its declarations promise a `callId` property it does not have at run time. */
export interface SrfRequest {
  uri: string;
  body: string;
  get(name: string): string | undefined;
  has(name: string): boolean;
  getParsedHeader(name: 'From' | 'p-asserted-identity'): ParsedAddress;
}

export interface SrfResponse {
  finalResponseSent: boolean;
  send(status: number): void;
}

export interface SrfDialog {
  sip: { callId: string };
  remote: { sdp: string };
  on(event: 'destroy', listener: () => void): void;
  destroy(opts: object, callback: (err?: Error | null) => void): void;
}

export interface SentInvite {
  cancel(opts?: object, callback?: (err: unknown) => void): void;
}

export interface CreateUacOptions {
  localSdp: string;
  headers: Record<string, string>;
}

export interface SrfLike {
  /** drachtio-srf calls cbRequest(err, req) — not cbRequest(req) as its own JSDoc example shows. */
  createUAC(uri: string, opts: CreateUacOptions, progress: { cbRequest: (err: unknown, req?: SentInvite) => void }): Promise<SrfDialog>;
}

export interface EslEvent {
  getHeader(name: string): string | undefined;
}

export interface PlayCollectOptions {
  file: string;
  min: number;
  max: number;
  tries: number;
  timeout: number;
  digitTimeout: number;
  terminators: string;
  regexp: string;
}

export interface FsEndpoint {
  local: { sdp: string };
  play(file: string | string[]): Promise<unknown>;
  playCollect(opts: PlayCollectOptions): Promise<{ digits?: string }>;
  join(conference: FsConference, opts: { flags: Record<string, boolean> }): Promise<{ memberId: number; confUuid: string }>;
  confMute(): Promise<unknown>;
  confUnmute(): Promise<unknown>;
  confKick(): Promise<unknown>;
  modify(sdp: string): Promise<unknown>;
  on(event: 'dtmf', listener: (evt: { dtmf: string }) => void): void;
  destroy(): Promise<void>;
}

export interface FsConference {
  name: string;
  /** fsmrf's own muted control member, joined before any caller. */
  memberId: number;
  endpoint: { api(command: string, args: string): Promise<unknown> };
  play(file: string): Promise<unknown>;
  lock(): Promise<unknown>;
  unlock(): Promise<unknown>;
  destroy(): Promise<void>;
  on(event: 'addMember' | 'delMember' | 'startTalking' | 'stopTalking', listener: (evt: EslEvent) => void): void;
}

export interface FsMediaServer {
  address: string;
  /** From FreeSWITCH heartbeats; undefined until the first one. */
  cpuIdle?: number;
  /** The event socket is up (fsmrf reconnects by itself after a loss). */
  connected(): boolean;
  connectCaller(req: SrfRequest, res: SrfResponse, opts?: object): Promise<{ endpoint: FsEndpoint; dialog: SrfDialog }>;
  createEndpoint(opts?: object): Promise<FsEndpoint>;
  createConference(name: string, opts: object): Promise<FsConference>;
  api(command: string): Promise<string>;
}
