import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { AuditLog } from '../audit/audit-log';
import type { AccountEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import type { AccountService } from './account-service';

/** Accounts' events (hub/auth/account-service.ts) and the administrators' audit log reader (hub/audit/audit-log.ts). */
export function createAccountRoutes(accounts: AccountService, audit: AuditLog): Record<AccountEventName, EventRoute> {
  return {
    'account:password': route(CLIENT_EVENTS['account:password'], 'account:password', (request, caller): Promise<EventResult<'account:password'>> =>
      accounts.changeOwnPassword(caller, request.currentPassword, request.newPassword),
    ),
    'account:signOutEverywhere': route(CLIENT_EVENTS['account:signOutEverywhere'], 'account:signOutEverywhere', (_request, caller): Promise<EventResult<'account:signOutEverywhere'>> =>
      accounts.signOutEverywhere(caller),
    ),
    'admin:account:list': route(CLIENT_EVENTS['admin:account:list'], 'admin:account:list', (): Promise<EventResult<'admin:account:list'>> => accounts.list()),
    'admin:account:signOut': route(CLIENT_EVENTS['admin:account:signOut'], 'admin:account:signOut', (request): Promise<EventResult<'admin:account:signOut'>> =>
      accounts.endSessionsOf(request.userId),
    ),
    'admin:account:password': route(CLIENT_EVENTS['admin:account:password'], 'admin:account:password', (request): Promise<EventResult<'admin:account:password'>> =>
      accounts.resetPassword(request.userId, request.password),
    ),
    'admin:account:disable': route(CLIENT_EVENTS['admin:account:disable'], 'admin:account:disable', (request, { user }): Promise<EventResult<'admin:account:disable'>> =>
      accounts.setDisabled(user, request.userId, request.disabled),
    ),
    'admin:account:unlock': route(CLIENT_EVENTS['admin:account:unlock'], 'admin:account:unlock', (request): Promise<EventResult<'admin:account:unlock'>> =>
      accounts.unlock(request.username),
    ),
    'admin:audit:list': route(CLIENT_EVENTS['admin:audit:list'], 'admin:audit:list', (request): Promise<EventResult<'admin:audit:list'>> => audit.list(request)),
  };
}
