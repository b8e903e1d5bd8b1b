import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
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

/** Compares digests, so neither the key's length nor its first differing byte shows in the time taken. */
export function voiceKeyMatches(given: string, key: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(key));
}
