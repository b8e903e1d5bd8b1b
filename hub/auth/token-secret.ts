import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/schema';
import { readOrInitMeta } from '../db/meta-queries';

const META_KEY = 'access-token-secret';

/**
 * SWITCHBOARD_SECRET when set (several hubs must share it); otherwise one
 * generated on first start and kept in the store, so tokens survive restarts.
 */
export async function resolveTokenSecret(db: Queryable, configured: string | null): Promise<string> {
  if (configured !== null) return configured;
  return readOrInitMeta(db, META_KEY, () => randomBytes(32).toString('base64url'));
}
