import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubError } from '../../shared/protocol/errors';
import { SECURITY_HEADERS } from './security-headers';

/** Login, refresh and logout bodies are tiny; anything near this is not one of them. */
export const JSON_BODY_LIMIT = 16 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly error: HubError,
  ) {
    super(error.message);
    this.name = 'BodyError';
  }
}

/**
 * Reads and parses a JSON body, refusing more than `limit` bytes. On overflow
 * it stops collecting but does not destroy the request, so the 413 answer can
 * still be written; the caller answers with `Connection: close`.
 */
export function readJsonBody(request: IncomingMessage, limit: number = JSON_BODY_LIMIT): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    request.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      // A chunked body has no Content-Length to check up front.
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('error', reject);
    request.once('end', () => {
      if (size > limit) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BodyError(400, { code: 'invalid-payload', message: 'The request body must be JSON.' }));
      }
    });
  });
}

const tooLarge = (limit: number): BodyError =>
  new BodyError(413, { code: 'invalid-payload', message: `The request body is larger than ${limit} bytes.` });

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}
