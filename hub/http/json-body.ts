import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubError } from '../../shared/protocol/errors';
import { readBody } from './raw-body';
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

/** Reads and parses a JSON body, refusing more than `limit` bytes (the caller answers with `Connection: close`). */
export async function readJsonBody(request: IncomingMessage, limit: number = JSON_BODY_LIMIT): Promise<unknown> {
  const bytes = await readBody(request, limit, () => tooLarge(limit));
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BodyError(400, { code: 'invalid-payload', message: 'The request body must be JSON.' });
  }
}

const tooLarge = (limit: number): BodyError =>
  new BodyError(413, { code: 'too-large', message: `The request body is larger than ${limit} bytes.` });

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
