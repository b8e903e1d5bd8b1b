import { randomBytes } from 'node:crypto';
import { sameSecret } from '../auth/signed-token';
import { readOrInitMeta } from '../db/meta-queries';
import type { Queryable } from '../db/schema';

const META_KEY = 'voice-key';

/**
 * VOICE_KEY when set (Kamailio's config and every hub must share it);
 * otherwise one generated on first start and kept in the store, where the
 * development scripts read it from.
 */
export async function resolveVoiceKey(db: Queryable, configured: string | null): Promise<string> {
  if (configured !== null) return configured;
  return readOrInitMeta(db, META_KEY, () => randomBytes(32).toString('base64url'));
}

export const voiceKeyMatches = (given: string, key: string): boolean => sameSecret(given, key);
