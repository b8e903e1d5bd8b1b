import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/**
 * Stateless tokens: `<version>.<claims>.<signature>`, base64url, HMAC-SHA256
 * over `<version>.<claims>`. Each kind of token has its own version prefix and
 * its own key, so one kind is never accepted as another.
 */
export type TokenCheck<T> = { ok: true; claims: T } | { ok: false; code: 'token-invalid' | 'token-expired' };

export const mac = (signed: string, key: string): Buffer => createHmac('sha256', key).update(signed).digest();

export function signToken(version: string, claims: object, key: string): string {
  const signed = `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${mac(signed, key).toString('base64url')}`;
}

export function verifyToken<T extends { exp: number }>(token: string, version: string, schema: z.ZodType<T>, key: string, now: number): TokenCheck<T> {
  const parts = token.split('.');
  const [given, body, signature] = parts;
  if (parts.length !== 3 || given !== version || !body || !signature) return { ok: false, code: 'token-invalid' };
  // Compared as text, not decoded bytes: base64url's last character carries
  // unused bits, so a decoder accepts several spellings of one MAC, and an
  // altered token must never verify.
  if (!sameSecret(signature, mac(`${version}.${body}`, key).toString('base64url'))) return { ok: false, code: 'token-invalid' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, code: 'token-invalid' };
  }
  const claims = schema.safeParse(payload);
  if (!claims.success) return { ok: false, code: 'token-invalid' };
  if (now >= claims.data.exp) return { ok: false, code: 'token-expired' };
  return { ok: true, claims: claims.data };
}

/** Compares two secrets by their digests, so neither the length nor the first differing byte shows in the time taken. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
