import type { Kysely } from 'kysely';
import type { User } from '../../shared/domain/user';
import type { AccountView, SessionsEnded } from '../../shared/protocol/auth';
import type { Clock } from '../clock';
import type { Database, Queryable } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Caller } from '../socket/event-route';
import type { HubServer } from '../socket/hub-socket';
import { endUserSessions } from '../socket/session-expiry';
import { refuse } from '../sync/refusal';
import { type Account, endSessions, findAccount, listAccounts, readPasswordHash, writeDisabled, writePasswordHash } from './account-queries';
import type { AuthService } from './auth-service';
import { hashPassword, verifyPassword } from './password';
import { assertStrongPassword } from './password-rules';

export type AccountDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  io: HubServer;
  auth: AuthService;
};

export type AccountService = ReturnType<typeof createAccountService>;

/** Where a wrong current password is counted: per username like sign-ins, under an address of its own. */
const SOCKET_ADDRESS = 'socket:change-password';

/**
 * Passwords and sessions of signed-in users: my own password, log out
 * everywhere, and the administrator's reset, disable and unlock. Every path
 * that should end a user's sessions goes through `endAll`.
 */
export function createAccountService({ db, writeQueue, clock, io, auth }: AccountDeps) {
  const { limiter } = auth;
  async function existing(userId: string): Promise<Account> {
    const account = await findAccount(db, userId);
    if (!account) throw refuse('not-found', 'No such user.');
    return account;
  }

  const view = (account: Account): AccountView => ({
    user: account.user,
    disabled: account.disabled,
    sessionsValidFrom: account.sessionsValidFrom,
    lockedForSec: limiter.lockedForSec(account.user.username),
  });

  /**
   * Stored first (tokens issued up to now are void, refresh tokens gone), then
   * this node's cache, then every desktop of the user on every node is told and
   * disconnected. `before` runs in the same transaction (a new password, the disabled flag).
   */
  async function endAll(userId: string, before?: (trx: Queryable) => Promise<void>, asking?: string): Promise<SessionsEnded> {
    // +1: a token issued in this very millisecond, before the revocation, is void too.
    const validFrom = clock() + 1;
    const revokedRefreshTokens = await writeQueue(() =>
      db.transaction().execute(async (trx) => {
        if (before) await before(trx);
        return endSessions(trx, userId, validFrom);
      }),
    );
    auth.revocations.note(userId, validFrom);
    endUserSessions(io, userId, asking);
    return { revokedRefreshTokens };
  }

  return {
    async list(): Promise<AccountView[]> {
      return (await listAccounts(db)).map(view);
    },

    signOutEverywhere: (caller: Caller): Promise<SessionsEnded> => endAll(caller.user.id, undefined, caller.socketId),

    async changeOwnPassword({ user, socketId }: Caller, currentPassword: string, newPassword: string): Promise<SessionsEnded> {
      const limit = limiter.check(user.username, SOCKET_ADDRESS);
      if (!limit.allowed) throw refuse('rate-limited', `Too many wrong passwords. Try again in ${limit.retryAfterSec} s.`, { retryAfterSec: limit.retryAfterSec });
      const stored = await readPasswordHash(db, user.id);
      if (!stored || !(await verifyPassword(stored, currentPassword))) {
        limiter.recordFailure(user.username, SOCKET_ADDRESS);
        throw refuse('bad-credentials', 'The current password is wrong.');
      }
      assertStrongPassword(newPassword, user.username);
      if (newPassword === currentPassword) throw refuse('conflict', 'The new password is the current one.');
      const hash = await hashPassword(newPassword);
      return endAll(user.id, (trx) => writePasswordHash(trx, user.id, hash), socketId);
    },

    async endSessionsOf(userId: string): Promise<SessionsEnded> {
      await existing(userId);
      return endAll(userId);
    },

    async resetPassword(userId: string, password: string): Promise<SessionsEnded> {
      const account = await existing(userId);
      assertStrongPassword(password, account.user.username);
      const hash = await hashPassword(password);
      const ended = await endAll(userId, (trx) => writePasswordHash(trx, userId, hash));
      // A new password from the help desk is the answer to a lock-out too.
      limiter.unlock(account.user.username);
      return ended;
    },

    async setDisabled(admin: User, userId: string, disabled: boolean): Promise<AccountView> {
      if (admin.id === userId && disabled) throw refuse('conflict', 'You cannot disable your own account.');
      await existing(userId);
      if (disabled) await endAll(userId, (trx) => writeDisabled(trx, userId, true));
      else await writeQueue(() => writeDisabled(db, userId, false));
      return view(await existing(userId));
    },

    async unlock(username: string): Promise<null> {
      limiter.unlock(username);
      return null;
    },
  };
}
