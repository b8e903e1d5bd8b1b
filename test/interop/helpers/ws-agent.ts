import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/**
 * A browser softphone reduced to the SIP it sends (RFC 7118, as sip.js does):
 * an unresolvable `.invalid` host in Via and Contact, so the server must
 * route back over the same WebSocket. It registers, answers one call and
 * takes the BYE. Only what the interop tests need; the real softphone is sip.js.
 */

/** What Chromium answers: DTLS-SRTP with ICE (the fingerprint is never checked: no media flows in these tests). */
const BROWSER_ANSWER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 0',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0',
  'a=ice-ufrag:Xk3n',
  'a=ice-pwd:q8W0vJ2mYcLh5bTzR1sPnA7d',
  `a=fingerprint:sha-256 ${Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':')}`,
  'a=setup:active',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n');

export type SipMessage = { startLine: string; headers: Map<string, string[]>; body: string; raw: string };

export type WsAgent = {
  /** REGISTER with this expiry (0 unregisters); resolves with the final reply. */
  register(expires: number): Promise<SipMessage>;
  /** Every request the server sent to this agent, in order. */
  received: SipMessage[];
  /** Resolves when a request with this method has arrived. */
  request(method: string): Promise<SipMessage>;
  close(): void;
};

export async function connectWsAgent(url: string, user: string): Promise<WsAgent> {
  const socket = new WebSocket(url, 'sip');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

  const host = `${randomBytes(6).toString('hex')}.invalid`;
  const contact = `<sip:${user}@${host};transport=ws>`;
  const callId = randomBytes(8).toString('hex');
  const fromTag = randomBytes(4).toString('hex');
  let cseq = 0;
  const received: SipMessage[] = [];
  const pendingReplies = new Map<string, (reply: SipMessage) => void>();
  const requestWaiters: { method: string; resolve: (message: SipMessage) => void }[] = [];

  const send = (lines: string[], body = ''): void => {
    socket.send([...lines, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n'));
  };

  const reply = (request: SipMessage, status: string, extra: string[] = [], body = ''): void => {
    const toTag = `;tag=${fromTag}`;
    const to = header(request, 'to');
    send(
      [
        `SIP/2.0 ${status}`,
        ...all(request, 'via').map((via) => `Via: ${via}`),
        ...all(request, 'record-route').map((route) => `Record-Route: ${route}`),
        `From: ${header(request, 'from')}`,
        `To: ${to.includes(';tag=') ? to : to + toTag}`,
        `Call-ID: ${header(request, 'call-id')}`,
        `CSeq: ${header(request, 'cseq')}`,
        ...extra,
      ],
      body,
    );
  };

  socket.on('message', (data: WebSocket.RawData) => {
    const message = parseSip(data.toString());
    if (message.startLine.startsWith('SIP/2.0 ')) {
      const status = Number(message.startLine.split(' ')[1]);
      if (status >= 200) pendingReplies.get(header(message, 'cseq'))?.(message);
      return;
    }
    received.push(message);
    const method = message.startLine.split(' ')[0] ?? '';
    if (method === 'INVITE') {
      reply(message, '180 Ringing');
      reply(
        message,
        '200 OK',
        [`Contact: ${contact}`, 'Content-Type: application/sdp'],
        BROWSER_ANSWER,
      );
    } else if (method === 'BYE') {
      reply(message, '200 OK');
    }
    for (const waiter of requestWaiters.filter((w) => w.method === method)) waiter.resolve(message);
  });

  return {
    received,
    register: (expires) => {
      cseq += 1;
      const key = `${cseq} REGISTER`;
      const answered = new Promise<SipMessage>((resolve) => pendingReplies.set(key, resolve));
      send([
        `REGISTER sip:${new URL(url).host} SIP/2.0`,
        `Via: SIP/2.0/WS ${host};branch=z9hG4bK${randomBytes(6).toString('hex')}`,
        'Max-Forwards: 70',
        `From: <sip:${user}@switchboard.local>;tag=${fromTag}`,
        `To: <sip:${user}@switchboard.local>`,
        `Call-ID: ${callId}`,
        `CSeq: ${key}`,
        `Contact: ${contact};expires=${expires}`,
        `Expires: ${expires}`,
      ]);
      return answered;
    },
    request: (method) =>
      new Promise((resolve) => {
        const already = received.find((message) => message.startLine.startsWith(`${method} `));
        if (already) resolve(already);
        else requestWaiters.push({ method, resolve });
      }),
    close: () => socket.close(),
  };
}

export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { startLine, headers, body: split === -1 ? '' : raw.slice(split + 4), raw };
}

export function header(message: SipMessage, name: string): string {
  return message.headers.get(name)?.[0] ?? '';
}

function all(message: SipMessage, name: string): string[] {
  return message.headers.get(name) ?? [];
}
