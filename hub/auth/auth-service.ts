import type { Kysely } from 'kysely';
import type { User } from '../../shared/domain/user';
import type { Session } from '../../shared/protocol/auth';
import { fail, type HubError, ok, type Response } from '../../shared/protocol/errors';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { findUserForLogin } from '../db/user-queries';
import { signAccessToken, verifyAccessToken } from './access-token';
import { findAccount } from './account-queries';
import type { LoginLimiter } from './login-limiter';
import { hashPassword, verifyPassword } from './password';
import { consumeRefreshToken, dropExpiredRefreshTokens, newRefreshToken, revokeRefreshToken, storeRefreshToken } from './refresh-tokens';
import { SessionRevocations } from './session-revocations';

export type AuthSettings = {
  secret: string;
  accessTtlSec: number;
  refreshTtlSec: number;
};

/** `issuedAt`: the token's issue time, which a later "log out everywhere" voids (SessionRevocations). */
export type Authenticated = { ok: true; user: User; accessExpiresAt: number; issuedAt: number } | { ok: false; error: HubError };

/** A sign-in attempt, for the audit log: who it named, from where, and how it ended. */
export type LoginAttempt = { username: string; user: User | null; address: string; outcome: 'ok' | HubError['code'] };

export type AuthService = {
  login(username: string, password: string, address: string): Promise<Response<Session>>;
  refresh(refreshToken: string): Promise<Response<Session>>;
  logout(refreshToken: string): Promise<Response<null>>;
  /** Checks an access token, that its user still exists, is enabled and has not ended the session since (socket handshake, HTTP bearer). */
  authenticate(accessToken: string): Promise<Authenticated>;
  /** This node's view of ended sessions, checked on every socket event. */
  revocations: SessionRevocations;
  /** The failed sign-in counts (an administrator may see and clear a locked username). */
  limiter: LoginLimiter;
  /**
   * Hears every sign-in attempt (the audit log); the answer waits for it, and it must not throw. One observer:
   * a node that leads again sets it again, and must not record each attempt twice.
   */
  observeLogins(observer: (attempt: LoginAttempt) => Promise<void>): void;
};

const BAD_CREDENTIALS = 'Wrong username or password.';
const DISABLED = 'This account is disabled; ask an administrator.';
const SESSIONS_ENDED = 'This session was ended (signed out everywhere); please sign in again.';

export async function createAuthService(
  db: Kysely<Database>,
  settings: AuthSettings,
  limiter: LoginLimiter,
  clock: Clock,
): Promise<AuthService> {
  // Unknown usernames are checked against this, so "no such user" costs the
  // same argon2 work as "wrong password" and timing does not reveal who exists.
  const dummyHash = await hashPassword(newRefreshToken());
  const revocations = new SessionRevocations();
  let loginObserver: ((attempt: LoginAttempt) => Promise<void>) | null = null;
  // Awaited, so the attempt is on record by the time its answer goes out.
  const heard = async <T>(attempt: LoginAttempt, answer: Response<T>): Promise<Response<T>> => {
    await loginObserver?.(attempt);
    return answer;
  };

  async function issueSession(user: User): Promise<Session> {
    const now = clock();
    const accessExpiresAt = now + settings.accessTtlSec * 1000;
    const refreshToken = newRefreshToken();
    await storeRefreshToken(db, refreshToken, user.id, now, now + settings.refreshTtlSec * 1000);
    return {
      user,
      accessToken: signAccessToken({ sub: user.id, role: user.role, exp: accessExpiresAt, iat: now }, settings.secret),
      accessExpiresAt,
      refreshToken,
    };
  }

  return {
    async login(username, password, address) {
      const limit = limiter.check(username, address);
      if (!limit.allowed) {
        return heard(
          { username, user: null, address, outcome: 'rate-limited' },
          fail('rate-limited', `Too many failed sign-ins. Try again in ${limit.retryAfterSec} s.`, { retryAfterSec: limit.retryAfterSec }),
        );
      }
      const found = await findUserForLogin(db, username);
      const passwordOk = await verifyPassword(found?.passwordHash ?? dummyHash, password);
      if (!found || !passwordOk) {
        limiter.recordFailure(username, address);
        return heard({ username, user: found?.user ?? null, address, outcome: 'bad-credentials' }, fail('bad-credentials', BAD_CREDENTIALS));
      }
      limiter.recordSuccess(username);
      // Said only after the right password, so it does not tell a guesser which accounts exist.
      if ((await findAccount(db, found.user.id))?.disabled) {
        return heard({ username, user: found.user, address, outcome: 'forbidden' }, fail('forbidden', DISABLED));
      }
      await dropExpiredRefreshTokens(db, found.user.id, clock());
      return heard({ username, user: found.user, address, outcome: 'ok' }, ok(await issueSession(found.user)));
    },

    async refresh(refreshToken) {
      const stored = await consumeRefreshToken(db, refreshToken);
      if (!stored) return fail('token-invalid', 'This session is no longer valid. Please sign in again.');
      if (clock() >= stored.expiresAt) return fail('token-expired', 'This session has expired. Please sign in again.');
      const account = await findAccount(db, stored.userId);
      if (!account) return fail('token-invalid', 'This account no longer exists.');
      if (account.disabled) return fail('token-invalid', DISABLED);
      // A refresh that consumed its token just before the sessions ended must not outlive them.
      if (stored.createdAt < account.sessionsValidFrom) return fail('token-invalid', SESSIONS_ENDED);
      return ok(await issueSession(account.user));
    },

    async logout(refreshToken) {
      // Idempotent: signing out twice, or with a token that already expired, is still signed out.
      await revokeRefreshToken(db, refreshToken);
      return ok(null);
    },

    async authenticate(accessToken) {
      const check = verifyAccessToken(accessToken, settings.secret, clock());
      if (!check.ok) {
        const message = check.code === 'token-expired' ? 'The access token has expired; refresh it.' : 'The access token is not valid.';
        return { ok: false, error: { code: check.code, message } };
      }
      const account = await findAccount(db, check.claims.sub);
      if (!account) return { ok: false, error: { code: 'token-invalid', message: 'This account no longer exists.' } };
      revocations.note(account.user.id, account.sessionsValidFrom);
      if (account.disabled) return { ok: false, error: { code: 'token-invalid', message: DISABLED } };
      if (revocations.ended(account.user.id, check.claims.iat)) return { ok: false, error: { code: 'token-invalid', message: SESSIONS_ENDED } };
      return { ok: true, user: account.user, accessExpiresAt: check.claims.exp, issuedAt: check.claims.iat };
    },

    revocations,
    limiter,

    observeLogins(observer) {
      loginObserver = observer;
    },
  };
}
