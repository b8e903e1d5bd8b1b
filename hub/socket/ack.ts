import type { Response } from '../../shared/protocol/errors';

export type Ack = (response: Response<unknown>) => void;

/**
 * socket.io passes the client's ack callback as the last argument, if the
 * client asked for one. Arguments arrive untyped off the wire, so check.
 */
export function ackFrom(args: readonly unknown[]): Ack | null {
  const last = args.at(-1);
  if (typeof last !== 'function') return null;
  return (response) => {
    Reflect.apply(last, undefined, [response]);
  };
}

/** The payload is everything before the ack; an event sent with only an ack has none. */
export const payloadFrom = (args: readonly unknown[]): unknown => (args.length >= 2 ? args[0] : undefined);
