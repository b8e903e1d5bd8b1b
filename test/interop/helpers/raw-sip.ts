import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';

/**
 * SIP over UDP by hand, for what SIPp will not send: garbage, broken
 * requests, bytes that are not UTF-8, floods. A socket bound to `localIp`
 * (another loopback address is another source to Kamailio) that sends
 * datagrams and collects whatever comes back.
 */

export type RawSipSocket = {
  localIp: string;
  localPort: number;
  /** Sends one datagram (a string is sent as UTF-8). */
  send(message: string | Buffer): void;
  /** Every datagram received so far, as text. */
  replies: string[];
  /** Resolves with the first reply (received so far or later) that matches, or null after `waitMs`. */
  reply(matches: (text: string) => boolean, waitMs?: number): Promise<string | null>;
  close(): void;
};

export async function openRawSip(target: { host: string; port: number }, localIp = '127.0.0.1'): Promise<RawSipSocket> {
  const socket = dgram.createSocket('udp4');
  const replies: string[] = [];
  const waiters: { matches: (text: string) => boolean; resolve: (text: string) => void }[] = [];
  socket.on('message', (message) => {
    const text = message.toString('utf8');
    replies.push(text);
    for (const waiter of waiters.filter((w) => w.matches(text))) waiter.resolve(text);
  });
  await new Promise<void>((resolve) => socket.bind(0, localIp, resolve));
  const localPort = socket.address().port;
  return {
    localIp,
    localPort,
    replies,
    send: (message) => socket.send(typeof message === 'string' ? Buffer.from(message, 'utf8') : message, target.port, target.host),
    reply: (matches, waitMs = 2_000) =>
      new Promise((resolve) => {
        const already = replies.find(matches);
        if (already !== undefined) return resolve(already);
        // A limit on waiting for what may never come (a dropped request), not a speed check.
        const timer = setTimeout(() => resolve(null), waitMs);
        waiters.push({
          matches,
          resolve: (text) => {
            clearTimeout(timer);
            resolve(text);
          },
        });
      }),
    close: () => socket.close(),
  };
}

/** An OPTIONS to the server itself from this socket; its Call-ID identifies the answer. */
export function optionsToServer(socket: RawSipSocket, target: { host: string; port: number }, extraHeaders: string[] = []): { text: string; callId: string } {
  const tag = randomBytes(6).toString('hex');
  const callId = `raw-${tag}`;
  const text = [
    `OPTIONS sip:${target.host}:${target.port} SIP/2.0`,
    `Via: SIP/2.0/UDP ${socket.localIp}:${socket.localPort};branch=z9hG4bK-${tag}`,
    'Max-Forwards: 70',
    `From: <sip:probe@${socket.localIp}>;tag=${tag}`,
    `To: <sip:${target.host}:${target.port}>`,
    `Call-ID: ${callId}`,
    'CSeq: 1 OPTIONS',
    ...extraHeaders,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return { text, callId };
}

/** Whether Kamailio still answers an OPTIONS from this address with 200: it is alive and not blocking the source. */
export async function answersOptions(target: { host: string; port: number }, localIp = '127.0.0.1'): Promise<boolean> {
  const socket = await openRawSip(target, localIp);
  try {
    const probe = optionsToServer(socket, target);
    socket.send(probe.text);
    const answer = await socket.reply((text) => text.includes(probe.callId));
    return answer !== null && /^SIP\/2\.0 200 /.test(answer);
  } finally {
    socket.close();
  }
}
