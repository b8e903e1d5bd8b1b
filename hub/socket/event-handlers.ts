import type { Kysely } from 'kysely';
import { CLIENT_EVENTS, type ClientEventName } from '../../shared/protocol/events';
import type { UserAdmin } from '../auth/user-admin';
import type { Database } from '../db/schema';
import { historyPage } from '../sync/history';
import { pullChanges } from '../sync/pull';
import { type PushDeps, pushMutations } from '../sync/push';
import { type EventResult, type EventRoute, route } from './event-route';

export type HandlerDeps = { db: Kysely<Database>; push: PushDeps; users: UserAdmin };

/**
 * Every client event and what it does. Keyed by the contract's event names, so
 * an event added to CLIENT_EVENTS without a handler here does not compile; the
 * results are checked against each event's ack type.
 */
export function createEventRoutes({ db, push, users }: HandlerDeps): Record<ClientEventName, EventRoute> {
  return {
    'sync:pull': route(CLIENT_EVENTS['sync:pull'], 'sync:pull', (request): Promise<EventResult<'sync:pull'>> => pullChanges(db, request)),
    'mutation:push': route(
      CLIENT_EVENTS['mutation:push'],
      'mutation:push',
      async (request, { user }): Promise<EventResult<'mutation:push'>> => ({
        results: await pushMutations(push, user, request.mutations),
      }),
    ),
    'history:page': route(CLIENT_EVENTS['history:page'], 'history:page', (request): Promise<EventResult<'history:page'>> =>
      historyPage(db, request),
    ),
    'session:whoami': route(CLIENT_EVENTS['session:whoami'], 'session:whoami', async (_request, { user }): Promise<EventResult<'session:whoami'>> => user),
    'admin:user:list': route(CLIENT_EVENTS['admin:user:list'], 'admin:user:list', (): Promise<EventResult<'admin:user:list'>> => users.list()),
    'admin:user:create': route(CLIENT_EVENTS['admin:user:create'], 'admin:user:create', (request): Promise<EventResult<'admin:user:create'>> =>
      users.create(request),
    ),
  };
}
