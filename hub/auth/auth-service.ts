import type { Kysely } from 'kysely';
import type { User } from '../../shared/domain/user';
import type { Session } from '../../shared/protocol/auth';
import { fail, type HubError, ok, type Response } from '../../shared/protocol/errors';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { findUser, findUserForLogin } from '../db/user-queries';
import { signAccessToken, verifyAccessToken } from './access-token';
import type { LoginLimiter } from './login-limiter';
import { hashPassword, verifyPassword } from './password';
import { consumeRefreshToken, dropExpiredRefreshTokens, newRefreshToken, revokeRefreshToken, storeRefreshToken } from './refresh-tokens';

export type AuthSettings = {
  secret: string;
  accessTtlSec: number;
  refreshTtlSec: number;
};

export type Authenticated = { ok: true; user: User; accessExpiresAt: number } | { ok: false; error: HubError };

export type AuthService = {
  login(username: string, password: string, address: string): Promise<Response<Session>>;
  refresh(refreshToken: string): Promise<Response<Session>>;
  logout(refreshToken: string): Promise<Response<null>>;
  /** Checks an access token and that its user still exists (socket handshake). */
  authenticate(accessToken: string): Promise<Authenticated>;
};

const BAD_CREDENTIALS = 'Wrong username or password.';

export async function createAuthService(
  db: Kysely<Database>,
  settings: AuthSettings,
  limiter: LoginLimiter,
  clock: Clock,
): Promise<AuthService> {
  // Unknown usernames are checked against this, so "no such user" costs the
  // same argon2 work as "wrong password" and timing does not reveal who exists.
  const dummyHash = await hashPassword(newRefreshToken());

  async function issueSession(user: User): Promise<Session> {
    const now = clock();
    const accessExpiresAt = now + settings.accessTtlSec * 1000;
    const refreshToken = newRefreshToken();
    await storeRefreshToken(db, refreshToken, user.id, now, now + settings.refreshTtlSec * 1000);
    return {
      user,
      accessToken: signAccessToken({ sub: user.id, role: user.role, exp: accessExpiresAt }, settings.secret),
      accessExpiresAt,
      refreshToken,
    };
  }

  return {
    async login(username, password, address) {
      const limit = limiter.check(username, address);
      if (!limit.allowed) {
        return fail('rate-limited', `Too many failed sign-ins. Try again in ${limit.retryAfterSec} s.`, {
          retryAfterSec: limit.retryAfterSec,
        });
      }
      const found = await findUserForLogin(db, username);
      const passwordOk = await verifyPassword(found?.passwordHash ?? dummyHash, password);
      if (!found || !passwordOk) {
        limiter.recordFailure(username, address);
        return fail('bad-credentials', BAD_CREDENTIALS);
      }
      limiter.recordSuccess(username);
      await dropExpiredRefreshTokens(db, found.user.id, clock());
      return ok(await issueSession(found.user));
    },

    async refresh(refreshToken) {
      const stored = await consumeRefreshToken(db, refreshToken);
      if (!stored) return fail('token-invalid', 'This session is no longer valid. Please sign in again.');
      if (clock() >= stored.expiresAt) return fail('token-expired', 'This session has expired. Please sign in again.');
      const user = await findUser(db, stored.userId);
      if (!user) return fail('token-invalid', 'This account no longer exists.');
      return ok(await issueSession(user));
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
      const user = await findUser(db, check.claims.sub);
      if (!user) return { ok: false, error: { code: 'token-invalid', message: 'This account no longer exists.' } };
      return { ok: true, user, accessExpiresAt: check.claims.exp };
    },
  };
}
