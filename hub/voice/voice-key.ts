import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { VOICE_KEY_HEADER, VOICE_KEY_USER } from '../../shared/protocol/voice';
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

/** The voice key a request presents: the header, else Basic credentials of the voice user; null when neither. */
export function presentedVoiceKey(headers: IncomingHttpHeaders): string | null {
  const header = headers[VOICE_KEY_HEADER];
  if (typeof header === 'string') return header;
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(headers.authorization ?? '');
  if (!basic?.[1]) return null;
  const credentials = Buffer.from(basic[1], 'base64').toString('utf8');
  const prefix = `${VOICE_KEY_USER}:`;
  return credentials.startsWith(prefix) ? credentials.slice(prefix.length) : null;
}
