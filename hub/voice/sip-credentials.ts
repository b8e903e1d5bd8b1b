import { createHmac, randomBytes } from 'node:crypto';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import { visitorSipUser } from '../../shared/protocol/visitor';
import type { SipCredentials } from '../../shared/protocol/voice';
import type { Clock } from '../clock';
import { readOrInitMeta } from '../db/meta-queries';
import type { Queryable } from '../db/schema';
import { type EventResult, type EventRoute, route } from '../socket/event-route';

/**
 * Agents' softphones authenticate to Kamailio with ephemeral credentials
 * (its auth_ephemeral module, draft-uberti-rtcweb-turn-rest): the hub and
 * Kamailio share one secret, the hub signs `<expiry>:<username>` with it, and
 * Kamailio checks the signature, the expiry and that the user registering or
 * calling is that username. No SIP password is stored anywhere.
 */

const META_KEY = 'sip-auth-secret';

/** Long enough for a shift and a hub outage in it; short enough that a leaked pair soon stops working. */
export const SIP_CREDENTIALS_TTL_SEC = 12 * 60 * 60;

/**
 * SIP_AUTH_SECRET when set (Kamailio's config and every hub must share it);
 * otherwise one generated on first start and kept in the store, where
 * `npm start` reads it to render Kamailio's config.
 */
export async function resolveSipAuthSecret(db: Queryable, configured: string | null): Promise<string> {
  if (configured !== null) return configured;
  return readOrInitMeta(db, META_KEY, () => randomBytes(32).toString('base64url'));
}

/** Pure: the credentials `username` may use until `nowMs + ttlSec` (whole seconds, as Kamailio compares). */
export function mintSipCredentials(secret: string, username: string, nowMs: number, ttlSec: number = SIP_CREDENTIALS_TTL_SEC): SipCredentials {
  const expiresAtSec = Math.floor(nowMs / 1000) + ttlSec;
  const authorizationUsername = `${expiresAtSec}:${username}`;
  const authorizationPassword = createHmac('sha1', secret).update(authorizationUsername).digest('base64');
  return { authorizationUsername, authorizationPassword, expiresAt: expiresAtSec * 1000 };
}

/** A web visitor places one call within moments of asking: minutes are plenty, and a leaked pair soon stops working. */
export const VISITOR_SIP_CREDENTIALS_TTL_SEC = 10 * 60;

/**
 * Pure: credentials for a web chat visitor's call, as `v~<visitorId>`
 * (hub/voice/visitor-call.ts). Kamailio lets that user only place calls, and
 * the hub lets them reach only their chat's queue.
 */
export const mintVisitorSipCredentials = (secret: string, visitorId: string, nowMs: number): SipCredentials =>
  mintSipCredentials(secret, visitorSipUser(visitorId), nowMs, VISITOR_SIP_CREDENTIALS_TTL_SEC);

/** `voice:credentials`: the caller's own credentials, never anyone else's (the username comes from the session). */
export function createSipCredentialsRoute(deps: { secret: string; clock: Clock }): EventRoute {
  return route(CLIENT_EVENTS['voice:credentials'], 'voice:credentials', async (_request, { user }): Promise<EventResult<'voice:credentials'>> =>
    mintSipCredentials(deps.secret, user.username, deps.clock()),
  );
}
