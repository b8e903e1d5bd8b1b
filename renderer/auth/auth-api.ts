import { z } from 'zod';
import { UserSchema } from '../../shared/domain/user';
import { API_PATHS, type LoginRequest, type Session } from '../../shared/protocol/auth';
import { type HubError, HubErrorSchema } from '../../shared/protocol/errors';

export const SessionSchema = z.object({
  user: UserSchema,
  accessToken: z.string().min(1),
  accessExpiresAt: z.number().int().nonnegative(),
  refreshToken: z.string().min(1),
}) satisfies z.ZodType<Session>;

/** Why a login or refresh did not produce a session, in terms the login page can translate. */
export type AuthFailure = { kind: 'hub'; error: HubError } | { kind: 'network' } | { kind: 'bad-answer' };

export type AuthResult = { ok: true; session: Session } | { ok: false; failure: AuthFailure };

const SessionResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: SessionSchema }),
  z.object({ ok: z.literal(false), error: HubErrorSchema }),
]);

async function postJson(hubUrl: string, path: string, body: unknown, init?: RequestInit): Promise<AuthResult> {
  let response: globalThis.Response;
  try {
    response = await fetch(new URL(path, hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      ...init,
    });
  } catch {
    return { ok: false, failure: { kind: 'network' } };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, failure: { kind: response.status >= 500 ? 'network' : 'bad-answer' } };
  }
  const parsed = SessionResponseSchema.safeParse(json);
  if (!parsed.success) return { ok: false, failure: { kind: 'bad-answer' } };
  return parsed.data.ok ? { ok: true, session: parsed.data.data } : { ok: false, failure: { kind: 'hub', error: parsed.data.error } };
}

/** The only place a password travels: over HTTP, never the socket. */
export const login = (hubUrl: string, request: LoginRequest): Promise<AuthResult> => postJson(hubUrl, API_PATHS.login, request);

export const refresh = (hubUrl: string, refreshToken: string): Promise<AuthResult> =>
  postJson(hubUrl, API_PATHS.refresh, { refreshToken });

/** Best effort: the hub forgets the refresh token. Signing out locally never waits on the network. */
export async function logout(hubUrl: string, session: Session): Promise<void> {
  try {
    await fetch(new URL(API_PATHS.logout, hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
      credentials: 'omit',
    });
  } catch {
    // Offline: the refresh token expires on its own.
  }
}
