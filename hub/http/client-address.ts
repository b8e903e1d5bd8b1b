import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A follower node passing a request on names the client it came from, signed with the cluster's secret. */
const CLIENT_HEADER = 'x-switchboard-client';
const SIGNATURE_HEADER = 'x-switchboard-client-signature';

const addresses = new WeakMap<IncomingMessage, string>();

/**
 * The address a request came from, for per-address limits (sign-in
 * throttling, chat and survey flood guards): the socket's peer, or, for a
 * request a cluster node passed on, the client that node saw.
 */
export function clientAddress(request: IncomingMessage): string {
  return addresses.get(request) ?? request.socket.remoteAddress ?? 'unknown';
}

/** The cluster's forwarding key, from the hub's token secret (every node shares it). */
export const forwardingKey = (secret: string): Buffer => createHmac('sha256', secret).update('switchboard cluster forwarding').digest();

const signature = (key: Buffer, address: string): string => createHmac('sha256', key).update(address).digest('base64url');

/** Headers a follower adds when passing a request to the leader. */
export function forwardedClientHeaders(key: Buffer, request: IncomingMessage): Record<string, string> {
  const address = clientAddress(request);
  return { [CLIENT_HEADER]: address, [SIGNATURE_HEADER]: signature(key, address) };
}

/** On arrival: a correctly signed client address replaces the peer's; anything else is ignored (a client cannot forge one). */
export function acceptForwardedClient(key: Buffer, request: IncomingMessage): void {
  const address = request.headers[CLIENT_HEADER];
  const given = request.headers[SIGNATURE_HEADER];
  if (typeof address !== 'string' || typeof given !== 'string') return;
  const expected = Buffer.from(signature(key, address));
  const offered = Buffer.from(given);
  if (offered.length === expected.length && timingSafeEqual(offered, expected)) addresses.set(request, address);
}
