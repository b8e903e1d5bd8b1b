import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { CustomerValueEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import type { ValueService } from './value-service';

/** Customer value over the socket; who may call what is the contract's (CLIENT_EVENTS), checked before any handler runs. */
export function createValueRoutes(values: ValueService): Record<CustomerValueEventName, EventRoute> {
  return {
    'customer:value': route(CLIENT_EVENTS['customer:value'], 'customer:value', (request): Promise<EventResult<'customer:value'>> => values.read(request)),
    'customer:credit': route(CLIENT_EVENTS['customer:credit'], 'customer:credit', (request): Promise<EventResult<'customer:credit'>> =>
      values.setCreditNote(request),
    ),
    'loyalty:adjust': route(CLIENT_EVENTS['loyalty:adjust'], 'loyalty:adjust', (request, { user }): Promise<EventResult<'loyalty:adjust'>> =>
      values.adjustPoints(user, request),
    ),
    'order:add': route(CLIENT_EVENTS['order:add'], 'order:add', (request, { user }): Promise<EventResult<'order:add'>> => values.addOrder(user, request)),
    'admin:value:get': route(CLIENT_EVENTS['admin:value:get'], 'admin:value:get', (): Promise<EventResult<'admin:value:get'>> => values.settings()),
    'admin:value:set': route(CLIENT_EVENTS['admin:value:set'], 'admin:value:set', (request): Promise<EventResult<'admin:value:set'>> =>
      values.saveSettings(request),
    ),
    'admin:value:recompute': route(CLIENT_EVENTS['admin:value:recompute'], 'admin:value:recompute', (): Promise<EventResult<'admin:value:recompute'>> =>
      values.recompute(),
    ),
  };
}
