import Srf from 'drachtio-srf';
import type { InboundCall, SipAddress } from '../port';
import { DrachtioLeg } from './leg';
import type { FsMediaServer, SrfRequest, SrfResponse } from './types';

/** An INVITE as the port describes it; answering connects the caller to FreeSWITCH (fsmrf connectCaller). */
export function inboundCall(
  req: SrfRequest,
  res: SrfResponse,
  ms: FsMediaServer,
  onError: (err: unknown, what: string) => void,
): InboundCall {
  const from = parsedAddress(req, 'From');
  return {
    callId: req.get('Call-ID') ?? '',
    dialled: addressOf(req.uri).user ?? '',
    from: { ...addressOf(from?.uri), displayName: from?.name?.replace(/^"|"$/g, '') || null },
    privacy: req.get('Privacy') ?? null,
    assertedIdentity: req.has('P-Asserted-Identity') ? addressOf(parsedAddress(req, 'p-asserted-identity')?.uri) : null,
    async refuse(status) {
      if (!res.finalResponseSent) res.send(status);
    },
    async answer() {
      const { endpoint, dialog } = await ms.connectCaller(req, res);
      return new DrachtioLeg(dialog, endpoint, onError);
    },
  };
}

/** A malformed header reads as absent: the caller then counts as anonymous (D-2, Q-5). */
function parsedAddress(req: SrfRequest, name: 'From' | 'p-asserted-identity') {
  try {
    return req.getParsedHeader(name);
  } catch {
    return null;
  }
}

function addressOf(uri: string | undefined): SipAddress {
  if (!uri) return { user: null, host: null };
  const parsed = Srf.parseUri(uri);
  return { user: parsed?.user ?? null, host: parsed?.host ?? null };
}
