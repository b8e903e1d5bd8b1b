import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { PrivacyEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import type { PrivacyService } from './privacy-service';

/** Data protection over the socket; who may call what is the contract's (CLIENT_EVENTS), checked before any handler runs. */
export function createPrivacyRoutes(privacy: PrivacyService): Record<PrivacyEventName, EventRoute> {
  return {
    'privacy:erase': route(CLIENT_EVENTS['privacy:erase'], 'privacy:erase', (request, { user }): Promise<EventResult<'privacy:erase'>> => privacy.erase(user, request)),
    'privacy:erasure': route(CLIENT_EVENTS['privacy:erasure'], 'privacy:erasure', (request): Promise<EventResult<'privacy:erasure'>> => privacy.erasure(request.customerId)),
    'admin:retention:get': route(CLIENT_EVENTS['admin:retention:get'], 'admin:retention:get', (): Promise<EventResult<'admin:retention:get'>> => privacy.retention()),
    'admin:retention:set': route(CLIENT_EVENTS['admin:retention:set'], 'admin:retention:set', (request): Promise<EventResult<'admin:retention:set'>> =>
      privacy.saveRetention(request),
    ),
    'admin:retention:sweep': route(CLIENT_EVENTS['admin:retention:sweep'], 'admin:retention:sweep', (): Promise<EventResult<'admin:retention:sweep'>> =>
      privacy.sweep(),
    ),
  };
}
