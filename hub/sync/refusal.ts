import type { ErrorCode, HubError } from '../../shared/protocol/errors';

/**
 * A refusal the client should hear about (not-found, conflict, cursor-ahead…).
 * Handlers throw it; the dispatcher turns it into the ack. Anything else a
 * handler throws is a bug and reaches the client only as `internal`.
 */
export class Refusal extends Error {
  constructor(readonly error: HubError) {
    super(error.message);
    this.name = 'Refusal';
  }
}

export const refuse = (code: ErrorCode, message: string, extra?: Omit<HubError, 'code' | 'message'>): Refusal =>
  new Refusal({ code, message, ...extra });
