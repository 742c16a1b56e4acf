import { ConferenceExistsError, type DialOutcome, type DialOutRequest, type MediaConference, type Telephony } from '../port';
import { withTimeout } from './bounded';
import { DrachtioConference } from './conference';
import { DrachtioLeg } from './leg';
import type { FsEndpoint, FsMediaServer, SentInvite, SrfLike } from './types';

const BUSY = new Set([486, 600, 603]);
const NO_ANSWER = new Set([408, 480, 487]);

/** The production Telephony: drachtio-srf for SIP, drachtio-fsmrf for FreeSWITCH media. */
export class DrachtioTelephony implements Telephony {
  constructor(
    private readonly srf: SrfLike,
    private readonly ms: FsMediaServer,
    readonly mediaServer: string,
    private readonly onError: (err: unknown, what: string) => void,
    /** FreeSWITCH could not give an endpoint: most often it is saturated. */
    private readonly onMediaFailure: (err: unknown) => void,
  ) {}

  async createConference(name: string): Promise<MediaConference> {
    try {
      return new DrachtioConference(await this.ms.createConference(name, {}), (command) => this.api(command), this.onError);
    } catch (err) {
      // fsmrf rejects with the bare string 'conference exists' when the name is taken.
      if (err === 'conference exists') throw new ConferenceExistsError(name);
      throw err;
    }
  }

  /** fsmrf's own test before it creates one: FreeSWITCH answers "… not found" for a name it does not have. */
  async conferenceExists(name: string): Promise<boolean> {
    const answer = await this.api(`conference ${name} list count`);
    return !(/^No active conferences/.test(answer) || /Conference .* not found/.test(answer));
  }

  /**
   * `hup all` takes every member out of the mix; their channels, whose event socket died with the
   * process that ran them, then leave the socket application and FreeSWITCH hangs them up.
   */
  async clearConference(name: string): Promise<void> {
    await this.api(`conference ${name} hup all`);
  }

  /**
   * drachtio-server keeps a dialog when the application that made it goes away, and sends a
   * request that names it (`stackDialogId`) inside it, to its remote target: BYE with the right
   * tags, CSeq and route set, from whichever application asks.
   */
  async endLeftoverDialog(dialogId: string): Promise<boolean> {
    const answered = new Promise<number>((resolve, reject) =>
      this.srf.request('sip:placeholder', { method: 'BYE', stackDialogId: dialogId }, (err, bye) => {
        if (err || !bye) return reject(err ?? new Error('no request'));
        bye.on('response', (res) => resolve(res.status));
      }),
    );
    try {
      const status = await withTimeout(answered, 'BYE');
      return status >= 200 && status < 300;
    } catch (err) {
      this.onError(err, `no BYE for leftover dialog ${dialogId}`);
      return false;
    }
  }

  /**
   * An endpoint first, then an INVITE offering its SDP; no answer within the timeout cancels it.
   * The endpoint is released on every failure so no media is left allocated.
   */
  async dialOut(request: DialOutRequest): Promise<DialOutcome> {
    let endpoint: FsEndpoint;
    try {
      endpoint = await this.ms.createEndpoint();
    } catch (err) {
      this.onMediaFailure(err);
      return { result: 'failed' };
    }
    let invite: SentInvite | undefined;
    const timer = setTimeout(() => this.cancel(invite, request.uri), request.timeoutMs);
    try {
      const dialog = await this.srf.createUAC(
        request.uri,
        // Identity in explicit headers: drachtio-srf's callingNumber would also set Contact to localhost.
        { localSdp: endpoint.local.sdp, headers: request.headers },
        {
          cbRequest: (err, req) => {
            if (!err) invite = req;
          },
        },
      );
      await endpoint.modify(dialog.remote.sdp);
      return { result: 'answered', leg: new DrachtioLeg(dialog, endpoint, this.onError) };
    } catch (err) {
      await endpoint.destroy().catch((e) => this.onError(e, 'endpoint release failed'));
      const status = (err as { status?: number }).status ?? 0;
      if (BUSY.has(status)) return { result: 'busy' };
      if (NO_ANSWER.has(status)) return { result: 'no-answer' };
      this.onError(err, `dial-out to ${request.uri} failed`);
      return { result: 'failed' };
    } finally {
      clearTimeout(timer);
    }
  }

  private api(command: string): Promise<string> {
    return withTimeout(this.ms.api(command), command);
  }

  /** The CANCEL makes the INVITE fail with 487, which dialOut reports as no answer. */
  private cancel(invite: SentInvite | undefined, uri: string): void {
    try {
      invite?.cancel({}, (err) => err && this.onError(err, `CANCEL to ${uri} failed`));
    } catch (err) {
      this.onError(err, `CANCEL to ${uri} failed`);
    }
  }
}
