import type { ErrorCode } from '../../shared/protocol/errors';

/** The HTTP status that carries each refusal when it travels over plain HTTP. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  'bad-credentials': 401,
  'token-expired': 401,
  'token-invalid': 401,
  'rate-limited': 429,
  forbidden: 403,
  'unknown-event': 404,
  'invalid-payload': 400,
  'not-found': 404,
  'cursor-ahead': 409,
  conflict: 409,
  'too-large': 413,
  'unsupported-type': 415,
  gone: 410,
  'weak-password': 400,
  internal: 500,
};
