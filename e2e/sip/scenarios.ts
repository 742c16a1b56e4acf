import { captureMs, dtmfCapture, rtpStream } from './dtmf-pcap';

/**
 * SIPp scenarios, generated because each caller types different keys. The keys of each entry are
 * one capture of RFC 4733 events written for this call (dtmf-pcap.ts): one RTP stream per call,
 * every key its own event, so FreeSWITCH reads repeated and out-of-order digits intact.
 */

export interface KeyEntry {
  /** Waited before typing (prompts playing), counted from the previous entry's last key. */
  afterMs: number;
  digits: string;
}

export interface CallerScenario {
  fromUser: string;
  fromHost: string;
  /** Keys typed once answered: the portal's room number and PIN, then keypad commands in the conference. */
  keys?: KeyEntry[];
  /** caller-bye: stays `stayMs` then hangs up; server-bye: the bridge hangs up (refusal after answer). */
  end: { kind: 'caller-bye'; stayMs: number } | { kind: 'server-bye' } | { kind: 'refused'; status: number };
  headers?: string[];
}


const offer = `v=0
o=sipp 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=sendrecv`;

const ack = `<send>
    <![CDATA[
      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      [last_From:]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>`;

/** The ACK of a final error belongs to the INVITE transaction: same Via branch (RFC 3261 17.1.1.3). */
const ackOfRefusal = `<send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      [last_From:]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>`;

const okToBye = `<send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]>
  </send>`;

/** The scenario lines typing each entry, and the captures they play (file path → content). */
function typing(keys: KeyEntry[], capturePath: (entry: number) => string, ssrc: number): { xml: string; captures: Map<string, Buffer> } {
  const stream = rtpStream(ssrc);
  const captures = new Map<string, Buffer>();
  const lines = keys.map(({ afterMs, digits }, i) => {
    const file = capturePath(i);
    captures.set(file, dtmfCapture(digits, stream, afterMs));
    return [
      `<pause milliseconds="${afterMs}"/>`,
      `<nop><action><exec play_pcap_audio="${file}"/></action></nop>`,
      // play_pcap_audio returns at once; the next entry must not overlap this one.
      `<pause milliseconds="${captureMs(digits)}"/>`,
    ].join('\n  ');
  });
  return { xml: lines.join('\n  '), captures };
}

function ending(end: CallerScenario['end']): string {
  if (end.kind === 'refused') return '';
  if (end.kind === 'server-bye') return `<recv request="BYE" timeout="90000"/>\n  ${okToBye}`;
  return `<pause milliseconds="${end.stayMs}"/>
  <send retrans="500">
    <![CDATA[
      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      [last_From:]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200" timeout="10000"/>`;
}

/**
 * A caller: INVITE to [service] (the dialled number, sipp -s), then keys, then the expected end.
 * Returns the scenario and the DTMF captures it plays, to be written at the paths given.
 */
export function callerScenario(s: CallerScenario, capturePath: (entry: number) => string, ssrc: number): { xml: string; captures: Map<string, Buffer> } {
  const keys = typing(s.keys ?? [], capturePath, ssrc);
  const answered =
    s.end.kind === 'refused'
      ? `<recv response="${s.end.status}" timeout="15000"/>\n  ${ackOfRefusal}`
      : `<recv response="200" rrs="true" timeout="15000"/>\n  ${ack}\n  ${keys.xml}\n  ${ending(s.end)}`;
  return { captures: keys.captures, xml: callerXml(s, answered) };
}

function callerXml(s: CallerScenario, answered: string): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="conference bridge caller">
  <send retrans="500">
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:${s.fromUser}@${s.fromHost}>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:${s.fromUser}@[local_ip]:[local_port]>
      Max-Forwards: 70${(s.headers ?? []).map((h) => `\n      ${h}`).join('')}
      Content-Type: application/sdp
      Content-Length: [len]

${offer}
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  ${answered}
</scenario>
`;
}

/** A callee of an ad-hoc call behind the tenant's outbound route: rings, answers, waits for the bridge's BYE. */
export function calleeScenario(): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="conference bridge callee">
  <recv request="INVITE" timeout="60000"/>
  <send>
    <![CDATA[
      SIP/2.0 180 Ringing
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:callee@[local_ip]:[local_port]>
      Content-Length: 0
    ]]>
  </send>
  <pause milliseconds="1000"/>
  <send retrans="500">
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:callee@[local_ip]:[local_port]>
      Content-Type: application/sdp
      Content-Length: [len]

${offer}
    ]]>
  </send>
  <recv request="ACK" timeout="10000"/>
  <recv request="BYE" timeout="120000"/>
  ${okToBye}
</scenario>
`;
}
