import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { CampaignEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import type { CampaignService } from './campaign-service';

/** Outbound campaigns over the socket; who may call what is the contract's (CLIENT_EVENTS), checked before any handler runs. */
export function createCampaignRoutes(campaigns: CampaignService): Record<CampaignEventName, EventRoute> {
  return {
    'campaign:preview': route(CLIENT_EVENTS['campaign:preview'], 'campaign:preview', (request): Promise<EventResult<'campaign:preview'>> =>
      campaigns.preview(request.filter),
    ),
    'campaign:create': route(CLIENT_EVENTS['campaign:create'], 'campaign:create', (request, { user }): Promise<EventResult<'campaign:create'>> =>
      campaigns.create(user, request),
    ),
    'campaign:list': route(CLIENT_EVENTS['campaign:list'], 'campaign:list', (): Promise<EventResult<'campaign:list'>> => campaigns.list()),
    'campaign:progress': route(CLIENT_EVENTS['campaign:progress'], 'campaign:progress', (request): Promise<EventResult<'campaign:progress'>> =>
      campaigns.progress(request.campaignId),
    ),
    'campaign:start': route(CLIENT_EVENTS['campaign:start'], 'campaign:start', (request): Promise<EventResult<'campaign:start'>> =>
      campaigns.start(request.campaignId),
    ),
    'campaign:pause': route(CLIENT_EVENTS['campaign:pause'], 'campaign:pause', (request): Promise<EventResult<'campaign:pause'>> =>
      campaigns.pause(request.campaignId),
    ),
    'campaign:next': route(CLIENT_EVENTS['campaign:next'], 'campaign:next', (request, { user }): Promise<EventResult<'campaign:next'>> =>
      campaigns.next(user, request),
    ),
    'campaign:mine': route(CLIENT_EVENTS['campaign:mine'], 'campaign:mine', (_request, { user }): Promise<EventResult<'campaign:mine'>> => campaigns.mine(user)),
    'campaign:outcome': route(CLIENT_EVENTS['campaign:outcome'], 'campaign:outcome', (request, { user }): Promise<EventResult<'campaign:outcome'>> =>
      campaigns.outcome(user, request),
    ),
  };
}
