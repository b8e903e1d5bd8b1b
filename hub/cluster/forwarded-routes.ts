import { CLIENT_EVENTS, type ClientEventName, isClientEventName } from '../../shared/protocol/events';
import { isVisitorEventName, VISITOR_EVENTS } from '../../shared/protocol/visitor';
import type { VisitorRoutes } from '../chat/visitor-namespace';
import type { EventRoute } from '../socket/event-route';
import type { LeaderLink } from './leader-link';

/**
 * A follower's event table: the same names and roles as the leader's (the
 * dispatcher refuses a role here already), each passed to the leader whole.
 * The payload is checked there, against the one contract.
 */
export function forwardedRoutes(link: LeaderLink): Record<ClientEventName, EventRoute> {
  const routes = {} as Record<ClientEventName, EventRoute>;
  for (const name of Object.keys(CLIENT_EVENTS)) {
    if (!isClientEventName(name)) continue;
    routes[name] = { roles: CLIENT_EVENTS[name].roles, run: (payload, caller) => link.ask({ kind: 'event', name, payload, caller }) };
  }
  return routes;
}

/** A follower's widget events, passed to the leader with the visitor's verified claims. */
export function forwardedVisitorRoutes(link: LeaderLink): VisitorRoutes {
  const routes = {} as VisitorRoutes;
  for (const name of Object.keys(VISITOR_EVENTS)) {
    if (!isVisitorEventName(name)) continue;
    routes[name] = (visitor, payload) => link.ask({ kind: 'visitor-event', name, payload, visitor });
  }
  return routes;
}
