import { z } from 'zod';
import { AccountViewSchema, SessionsEndedSchema } from '../../../shared/protocol/auth';
import { AuditPageSchema, type AuditQuery } from '../../../shared/protocol/audit';
import { createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';

/** The administrator's account actions and the audit log reader: live requests, answers parsed with the contract's schemas. */
export function createAccountAdminClient(socket: HubSocket, timeoutMs = 15_000) {
  const call = createLiveCaller(socket, timeoutMs);
  return {
    accounts: () => call('admin:account:list', (s) => s.emitWithAck('admin:account:list', {}), z.array(AccountViewSchema)),
    endSessions: (userId: string) => call('admin:account:signOut', (s) => s.emitWithAck('admin:account:signOut', { userId }), SessionsEndedSchema),
    setPassword: (userId: string, password: string) =>
      call('admin:account:password', (s) => s.emitWithAck('admin:account:password', { userId, password }), SessionsEndedSchema),
    setDisabled: (userId: string, disabled: boolean) =>
      call('admin:account:disable', (s) => s.emitWithAck('admin:account:disable', { userId, disabled }), AccountViewSchema),
    unlock: (username: string) => call('admin:account:unlock', (s) => s.emitWithAck('admin:account:unlock', { username }), z.null()),
    audit: (query: AuditQuery) => call('admin:audit:list', (s) => s.emitWithAck('admin:audit:list', query), AuditPageSchema),
  };
}

export type AccountAdminClient = ReturnType<typeof createAccountAdminClient>;
