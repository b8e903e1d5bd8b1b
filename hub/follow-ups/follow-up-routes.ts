import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { FollowUpEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import type { FollowUpService } from './follow-up-service';

/** Follow-up lists and rule settings over the socket; roles are the contract's, `everyone` is checked by the service. */
export function createFollowUpRoutes(followUps: FollowUpService): Record<FollowUpEventName, EventRoute> {
  return {
    'followUp:list': route(CLIENT_EVENTS['followUp:list'], 'followUp:list', (request, { user }): Promise<EventResult<'followUp:list'>> =>
      followUps.list(user, request),
    ),
    'followUp:settings': route(CLIENT_EVENTS['followUp:settings'], 'followUp:settings', (): Promise<EventResult<'followUp:settings'>> =>
      followUps.settings(),
    ),
    'admin:followUps:set': route(CLIENT_EVENTS['admin:followUps:set'], 'admin:followUps:set', (request): Promise<EventResult<'admin:followUps:set'>> =>
      followUps.saveSettings(request),
    ),
  };
}
