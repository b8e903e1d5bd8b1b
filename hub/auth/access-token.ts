import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { UlidSchema } from '../../shared/domain/ids';
import { RoleSchema } from '../../shared/domain/user';

/**
 * Access tokens: `v1.<claims>.<signature>`, base64url, HMAC-SHA256 over
 * `v1.<claims>`. Small and stateless, so every hub node sharing the secret can
 * check a socket handshake without a database round trip for the token itself.
 */
const ClaimsSchema = z.object({
  sub: UlidSchema,
  role: RoleSchema,
  /** Expiry, epoch ms like every other time in Switchboard. */
  exp: z.number().int().positive(),
});
export type AccessClaims = z.infer<typeof ClaimsSchema>;

export type TokenCheck =
  | { ok: true; claims: AccessClaims }
  | { ok: false; code: 'token-invalid' | 'token-expired' };

const VERSION = 'v1';

const sign = (signed: string, secret: string): Buffer => createHmac('sha256', secret).update(signed).digest();

export function signAccessToken(claims: AccessClaims, secret: string): string {
  const signed = `${VERSION}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${sign(signed, secret).toString('base64url')}`;
}

export function verifyAccessToken(token: string, secret: string, now: number): TokenCheck {
  const parts = token.split('.');
  const [version, body, signature] = parts;
  if (parts.length !== 3 || version !== VERSION || !body || !signature) return { ok: false, code: 'token-invalid' };
  const expected = sign(`${version}.${body}`, secret);
  const given = Buffer.from(signature, 'base64url');
  // timingSafeEqual throws on unequal lengths; the length of a SHA-256 MAC is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'token-invalid' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, code: 'token-invalid' };
  }
  const claims = ClaimsSchema.safeParse(payload);
  if (!claims.success) return { ok: false, code: 'token-invalid' };
  if (now >= claims.data.exp) return { ok: false, code: 'token-expired' };
  return { ok: true, claims: claims.data };
}
