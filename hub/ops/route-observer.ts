import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail } from '../../shared/protocol/errors';
import { type ClientEventName, isClientEventName } from '../../shared/protocol/events';
import type { MutationResult } from '../../shared/protocol/mutations';
import type { Logger } from '../log';
import type { EventRoute } from '../socket/event-route';
import type { Drain } from './drain';
import type { HubCounters } from './hub-counters';

/** How soon a desktop refused during shutdown should try again (it reconnects to the restarted hub first). */
export const SHUTDOWN_RETRY_SEC = 5;

/**
 * Every socket event through the drain (shutdown waits for it) and the
 * counters (mutation outcomes, internal errors), without the handlers
 * knowing: one wrapper over the route table.
 */
export function observeRoutes(routes: Record<ClientEventName, EventRoute>, counters: HubCounters, drain: Drain): Record<ClientEventName, EventRoute> {
  const observed = { ...routes };
  for (const name of Object.keys(routes)) {
    if (!isClientEventName(name)) continue;
    const route = routes[name];
    observed[name] = {
      roles: route.roles,
      run: async (payload, caller) => {
        if (drain.closing) return fail('rate-limited', 'The hub is shutting down; try again shortly.', { retryAfterSec: SHUTDOWN_RETRY_SEC });
        try {
          const answer = await drain.track(() => route.run(payload, caller));
          if (!answer.ok && answer.error.code === 'internal') counters.error('event');
          if (answer.ok && name === 'mutation:push' && isPushAnswer(answer.data)) counters.mutationResults(answer.data.results);
          return answer;
        } catch (error) {
          // The dispatcher turns it into `internal`.
          counters.error('event');
          throw error;
        }
      },
    };
  }
  return observed;
}

function isPushAnswer(data: unknown): data is { results: MutationResult[] } {
  return typeof data === 'object' && data !== null && 'results' in data && Array.isArray(data.results);
}

/** Counts the hub's error-level log lines, then logs them as before. */
export function countErrorLines(log: Logger, counters: HubCounters): Logger {
  return {
    ...log,
    error: (message, detail) => {
      counters.error('log');
      log.error(message, detail);
    },
  };
}

/** Counts the HTTP answers that went out 5xx, whichever route wrote them. */
export function countHttpErrors(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  counters: HubCounters,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    response.once('finish', () => {
      if (response.statusCode >= 500) counters.error('http');
    });
    handle(request, response);
  };
}
