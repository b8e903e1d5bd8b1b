import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/schema';

export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

/** Only the hash is stored: a copy of the database does not let anyone resume a session. */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function storeRefreshToken(
  db: Queryable,
  token: string,
  userId: string,
  createdAt: number,
  expiresAt: number,
): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({ token_hash: hashRefreshToken(token), user_id: userId, created_at: createdAt, expires_at: expiresAt })
    .execute();
}

/**
 * Single use: the token is deleted as it is read (DELETE … RETURNING), so two
 * refreshes racing with the same token cannot both win.
 */
export async function consumeRefreshToken(db: Queryable, token: string): Promise<{ userId: string; createdAt: number; expiresAt: number } | null> {
  const row = await db
    .deleteFrom('refresh_tokens')
    .where('token_hash', '=', hashRefreshToken(token))
    .returning(['user_id', 'created_at', 'expires_at'])
    .executeTakeFirst();
  return row ? { userId: row.user_id, createdAt: Number(row.created_at), expiresAt: row.expires_at } : null;
}

export async function revokeRefreshToken(db: Queryable, token: string): Promise<void> {
  await db.deleteFrom('refresh_tokens').where('token_hash', '=', hashRefreshToken(token)).execute();
}

/** Expired tokens are useless; sweeping a user's on each login keeps the table small. */
export async function dropExpiredRefreshTokens(db: Queryable, userId: string, now: number): Promise<void> {
  await db.deleteFrom('refresh_tokens').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
}
