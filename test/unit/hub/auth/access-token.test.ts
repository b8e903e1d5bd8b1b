import { describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from '../../../../hub/auth/access-token';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const claims = { sub: '01HK153X00GCFZ7ZYJE20XT0GY', role: 'agent' as const, exp: 2_000_000_000_000, iat: 1_999_999_100_000 };

describe('access tokens', () => {
  it('round-trips the claims before expiry', () => {
    const token = signAccessToken(claims, SECRET);
    expect(token.startsWith('v1.')).toBe(true);
    expect(verifyAccessToken(token, SECRET, claims.exp - 1)).toEqual({ ok: true, claims });
  });

  it('reads a token from before the issue-time claim as issued at 0, so any ended session voids it', () => {
    const { iat: _issued, ...old } = claims;
    expect(verifyAccessToken(signAccessToken(old, SECRET), SECRET, claims.exp - 1)).toEqual({ ok: true, claims: { ...old, iat: 0 } });
  });

  it('is expired at and after exp', () => {
    const token = signAccessToken(claims, SECRET);
    expect(verifyAccessToken(token, SECRET, claims.exp)).toEqual({ ok: false, code: 'token-expired' });
  });

  it('rejects a token signed with another secret', () => {
    const token = signAccessToken(claims, `${SECRET}-other`);
    expect(verifyAccessToken(token, SECRET, 0)).toEqual({ ok: false, code: 'token-invalid' });
  });

  it('rejects changed claims (a role upgrade) under the old signature', () => {
    const [version, , signature] = signAccessToken(claims, SECRET).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(verifyAccessToken(`${version}.${forged}.${signature}`, SECRET, 0)).toEqual({ ok: false, code: 'token-invalid' });
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not-a-token'],
    ['wrong version', signAccessToken(claims, SECRET).replace(/^v1\./, 'v2.')],
    ['truncated signature', signAccessToken(claims, SECRET).slice(0, -4)],
    ['extra part', `${signAccessToken(claims, SECRET)}.x`],
  ])('rejects a malformed token (%s)', (_label, token) => {
    expect(verifyAccessToken(token, SECRET, 0)).toEqual({ ok: false, code: 'token-invalid' });
  });

  it('rejects a well-signed payload that is not our claims', () => {
    const token = signAccessToken({ ...claims, sub: 'not-a-ulid' }, SECRET);
    expect(verifyAccessToken(token, SECRET, 0)).toEqual({ ok: false, code: 'token-invalid' });
  });
});
