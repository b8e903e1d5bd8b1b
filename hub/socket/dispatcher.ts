import { randomUUID } from 'node:crypto';
import { fail, type Response } from '../../shared/protocol/errors';
import { type ClientEventName, CLIENT_EVENTS, isClientEventName } from '../../shared/protocol/events';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { ackFrom, payloadFrom } from './ack';
import type { Caller, EventRoute } from './event-route';
import type { HubSocket } from './hub-socket';
import { endExpiredSession } from './session-expiry';

/** `routes()`: this node's own, or the ones forwarded to the cluster's leader (hub/cluster/); read per event, as a node can become leader. */
export type DispatcherDeps = {
  routes: () => Record<ClientEventName, EventRoute>;
  clock: Clock;
  log: Logger;
  /**
   * Whether the user's sessions were ended after this token was issued (log out everywhere, a disabled
   * account, a new password): a map look-up per event (hub/auth/session-revocations.ts), no database round trip.
   */
  sessionEnded: (userId: string, issuedAt: number) => boolean;
};

/**
 * One event for one caller: refused `forbidden` unless the caller's role may
 * call it, else run (its payload checked by the route). The dispatcher calls
 * this for its socket, and the cluster's leader for a follower's socket.
 */
export async function answerEvent(
  routes: Record<ClientEventName, EventRoute>,
  name: ClientEventName,
  payload: unknown,
  caller: Caller,
  log: Logger,
): Promise<Response<unknown>> {
  const route = routes[name];
  if (!route.roles.includes(caller.user.role)) return fail('forbidden', `The ${caller.user.role} role may not call ${name}.`);
  try {
    return await route.run(payload, caller);
  } catch (error) {
    // Details stay in the hub's log; the desktop gets a reference to quote to support.
    const reference = randomUUID().slice(0, 8);
    log.error(`${name} by ${caller.user.username} failed (ref ${reference})`, error);
    return fail('internal', `The hub hit an unexpected error (ref ${reference}); try again.`);
  }
}

/**
 * Every event a desktop sends goes through here, in this order: the session
 * is still valid, the role may call it, the payload passes its schema — only
 * then does a handler run. Whatever happens, an ack with a Response<T> goes back.
 */
export function attachDispatcher(socket: HubSocket, { routes, clock, log, sessionEnded }: DispatcherDeps): void {
  async function dispatch(name: ClientEventName, payload: unknown): Promise<Response<unknown>> {
    const { user, accessExpiresAt, issuedAt } = socket.data;
    if (clock() >= accessExpiresAt || sessionEnded(user.id, issuedAt)) {
      // After the refusal's ack has gone out.
      setImmediate(() => endExpiredSession(socket));
      return fail('token-expired', 'Your session has expired; refresh it and reconnect.');
    }
    return answerEvent(routes(), name, payload, { user, socketId: socket.id }, log);
  }

  for (const name of Object.keys(CLIENT_EVENTS)) {
    if (!isClientEventName(name)) continue;
    socket.on(name, (...args: unknown[]) => {
      const ack = ackFrom(args);
      if (!ack) {
        // Every client event is a request; without an ack nobody would hear the answer.
        log.debug(`${name} without an ack from ${socket.data.user.username}; ignored`);
        return;
      }
      dispatch(name, payloadFrom(args))
        .then(ack)
        .catch((error: unknown) => log.error(`could not answer ${name}`, error));
    });
  }

  socket.onAny((event: string, ...args: unknown[]) => {
    if (isClientEventName(event)) return;
    ackFrom(args)?.(fail('unknown-event', `The hub does not know the event "${event}".`));
  });
}
