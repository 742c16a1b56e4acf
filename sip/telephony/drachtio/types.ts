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
  /** drachtio-server's id of the dialog (`stackDialogId`); it outlives this process's connection. */
  id: string;
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

export interface SentRequest {
  on(event: 'response', listener: (res: { status: number }) => void): void;
}

export interface SrfLike {
  /** drachtio-srf calls cbRequest(err, req) — not cbRequest(req) as its own JSDoc example shows. */
  createUAC(uri: string, opts: CreateUacOptions, progress: { cbRequest: (err: unknown, req?: SentInvite) => void }): Promise<SrfDialog>;
  /**
   * With `stackDialogId`, drachtio-server sends the request inside that dialog, to its remote
   * target in place of the `sip:placeholder` URI (as drachtio-srf's own Dialog#destroy does); an
   * error when the server has no such dialog. The callback form: the response can arrive in the
   * same read from drachtio-server as the acknowledgement of the request, before a promise's
   * continuation could listen for it.
   */
  request(
    uri: string,
    opts: { method: string; stackDialogId: string; headers?: Record<string, string> },
    callback: (err: unknown, req?: SentRequest) => void,
  ): unknown;
}

export interface EslEvent {
  getHeader(name: string): string | undefined;
}

export interface FsEndpoint {
  /** The FreeSWITCH channel's uuid. */
  uuid: string;
  local: { sdp: string };
  /** Rejects with Error('File Not Found') when a file is missing (fsmrf reads FreeSWITCH's application response). */
  play(file: string | string[]): Promise<unknown>;
  /** Runs a dialplan application on the channel; resolves with its CHANNEL_EXECUTE_COMPLETE event. */
  execute(app: string, arg: string): Promise<EslEvent>;
  api(command: string, args: string): Promise<unknown>;
  /** Runs FreeSWITCH's `record` application; its options are passed positionally, so all three are given. */
  record(file: string, opts: { timeLimitSecs: number; silenceThresh: number; silenceHits: number }): Promise<{ recordMilliseconds?: string }>;
  join(conference: FsConference, opts: { flags: Record<string, boolean> }): Promise<{ memberId: number; confUuid: string }>;
  confMute(): Promise<unknown>;
  confUnmute(): Promise<unknown>;
  modify(sdp: string): Promise<unknown>;
  on(event: 'dtmf', listener: (evt: { dtmf: string }) => void): void;
  /** FreeSWITCH hung up the channel (fsmrf sees its call state go to HANGUP). */
  on(event: 'destroy', listener: () => void): void;
  destroy(): Promise<void>;
}

export interface FsConference {
  name: string;
  /** fsmrf's own muted control member, joined before any caller with `endconf`. */
  memberId: number;
  /** The control member's endpoint: its channel ends the conference when it is killed. */
  endpoint: { uuid: string; api(command: string, args: string): Promise<unknown> };
  /** Resolves when the file has played; at once when FreeSWITCH did not queue it (file missing). */
  play(file: string): Promise<unknown>;
  lock(): Promise<unknown>;
  unlock(): Promise<unknown>;
  /** Rejects with FreeSWITCH's answer when it is not `Record file <file>`. */
  startRecording(file: string): Promise<unknown>;
  /** Stops the file startRecording named (fsmrf remembers it); rejects unless FreeSWITCH answers `Stopped recording file <file>`. */
  stopRecording(file: string): Promise<unknown>;
  /** fsmrf emits each conference::maintenance Action camel-cased; `stopRecording` comes once FreeSWITCH has closed the file (header Path). */
  on(event: 'addMember' | 'delMember' | 'startTalking' | 'stopTalking' | 'stopRecording', listener: (evt: EslEvent) => void): void;
  removeListener(event: 'stopRecording', listener: (evt: EslEvent) => void): void;
}

export interface FsMediaServer {
  address: string;
  /** From FreeSWITCH heartbeats; undefined until the first one. */
  cpuIdle?: number;
  /** The event socket is up (fsmrf reconnects by itself after a loss). */
  connected(): boolean;
  connectCaller(req: SrfRequest, res: SrfResponse, opts?: object): Promise<{ endpoint: FsEndpoint; dialog: SrfDialog }>;
  createEndpoint(opts?: object): Promise<FsEndpoint>;
  /** Rejects with the bare string 'conference exists' (not an Error) when FreeSWITCH has that name. */
  createConference(name: string, opts: object): Promise<FsConference>;
  /** Resolves with the body of FreeSWITCH's answer. */
  api(command: string): Promise<string>;
}
