import { type SipCredentials, SipCredentialsSchema } from '../../shared/protocol/voice';
import type { SwitchboardDb } from '../db/schema';

/**
 * The softphone's SIP credentials, as the hub last minted them
 * ('voice:credentials'), kept in the meta table: with the hub briefly
 * unreachable the phone still registers with Kamailio, until they expire.
 */

export const SIP_CREDENTIALS_KEY = 'phone.sipCredentials';

/** Renew this long before expiry, so a registration refresh never carries expired credentials. */
export const RENEW_BEFORE_MS = 60 * 60 * 1000;
/** Never renew more often than this, whatever the hub's TTL. */
export const MIN_RENEW_DELAY_MS = 60 * 1000;

/** Pure: the stored value when it is for `username` and not yet expired; null otherwise (another agent's, expired, malformed). */
export function usableCredentials(stored: unknown, username: string, now: number): SipCredentials | null {
  const parsed = SipCredentialsSchema.safeParse(stored);
  if (!parsed.success) return null;
  const credentials = parsed.data;
  const forUser = credentials.authorizationUsername.slice(credentials.authorizationUsername.indexOf(':') + 1);
  if (forUser !== username || credentials.expiresAt <= now) return null;
  return credentials;
}

/** Pure: when to fetch new credentials (ms from now). */
export function renewDelayMs(credentials: SipCredentials, now: number): number {
  return Math.max(MIN_RENEW_DELAY_MS, credentials.expiresAt - RENEW_BEFORE_MS - now);
}

export async function readSipCredentials(db: SwitchboardDb, username: string, now: number): Promise<SipCredentials | null> {
  const row = await db.meta.get(SIP_CREDENTIALS_KEY);
  return usableCredentials(row?.value, username, now);
}

export async function writeSipCredentials(db: SwitchboardDb, credentials: SipCredentials): Promise<void> {
  await db.meta.put({ key: SIP_CREDENTIALS_KEY, value: credentials });
}
