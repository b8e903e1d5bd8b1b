import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { User } from '../../shared/domain/user';
import type { Queryable } from '../db/schema';
import { findUser } from '../db/user-queries';
import { refuse } from '../sync/refusal';
import { signToken, type TokenCheck, verifyToken } from './signed-token';

type LinkClaims = { sub: string; exp: number };

/**
 * Links a browser element can load though it cannot send a bearer token
 * (<img>, <audio>): a signed token naming the file, the user it was signed for
 * and a short expiry. Each kind has its own version prefix and its own key,
 * derived from the hub secret for that purpose only, so one kind is never
 * accepted as another.
 */
export function signedLink<T extends LinkClaims>(kind: { version: string; purpose: string; claims: z.ZodType<T> }) {
  return {
    key: (hubSecret: string): string => createHmac('sha256', hubSecret).update(kind.purpose).digest('hex'),
    sign: (claims: T, key: string): string => signToken(kind.version, claims, key),
    verify: (link: string, key: string, now: number): TokenCheck<T> => verifyToken(link, kind.version, kind.claims, key, now),
  };
}

/**
 * Whom a checked link speaks for, refused when it is bad or expired (`reopen`
 * tells them how to get a fresh one) or when its user is gone: the route then
 * applies its own access rule to that user, so a link outlives no one's rights.
 */
export async function linkHolder<T extends LinkClaims>(db: Queryable, check: TokenCheck<T>, reopen: string): Promise<{ user: User; claims: T }> {
  if (!check.ok) throw refuse(check.code, check.code === 'token-expired' ? `This link has expired; ${reopen}.` : 'This link is not valid.');
  const user = await findUser(db, check.claims.sub);
  if (!user) throw refuse('token-invalid', 'This account no longer exists.');
  return { user, claims: check.claims };
}
