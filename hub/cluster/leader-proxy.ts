import { type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import { fail } from '../../shared/protocol/errors';
import { forwardedClientHeaders } from '../http/client-address';
import { sendJson } from '../http/json-body';
import type { Logger } from '../log';
import { FAILOVER_RETRY_SEC } from './leader-link';

/** Hop-by-hop headers (RFC 9110 §7.6.1) stay on their own connection. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

const withoutHopByHop = (headers: IncomingMessage['headers']): IncomingMessage['headers'] =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));

/**
 * A follower's HTTP: everything but its own health goes on to the leader
 * (sign-in, Kamailio's routing hook, uploads, webhooks, the renderer's
 * files), streamed both ways. With no leader reachable — a failover under
 * way — the caller gets 503 with Retry-After, the same typed error a
 * desktop's socket events get.
 */
export function proxyToLeader(leaderUrl: () => string | null, forwardingKey: Buffer, log: Logger) {
  function unavailable(response: ServerResponse): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    sendJson(response, 503, fail('rate-limited', 'The hub is changing over to another node; try again in a moment.', { retryAfterSec: FAILOVER_RETRY_SEC }), {
      'Retry-After': String(FAILOVER_RETRY_SEC),
    });
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    const base = leaderUrl();
    if (!base) {
      unavailable(response);
      return;
    }
    const upstream = httpRequest(new URL(request.url ?? '/', base), {
      method: request.method,
      headers: { ...withoutHopByHop(request.headers), ...forwardedClientHeaders(forwardingKey, request) },
    });
    upstream.on('response', (answer) => {
      response.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
      answer.pipe(response);
    });
    upstream.on('error', (error) => {
      log.warn(`cluster: ${request.method} ${request.url} could not reach the leader at ${base}: ${error.message}`);
      unavailable(response);
    });
    // A client that goes away stops the upstream request too.
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  };
}
