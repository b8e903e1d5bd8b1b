import { describe, expect, it } from 'vitest';
import { signAccessToken } from '../../../../hub/auth/access-token';
import { fileSignature, fileSignatureMatches, signVisitorToken, verifyVisitorToken, visitorKey } from '../../../../hub/chat/visitor-token';

const SECRET = 'hub-secret-for-tests';
const KEY = visitorKey(SECRET);
const CLAIMS = { visitorId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', conversationId: '01BX5ZZKBKACTAV9WEVGEMMVRZ', widgetId: 'demo', exp: 2_000 };

describe('visitor tokens', () => {
  it('round-trips the claims until they expire', () => {
    const token = signVisitorToken(CLAIMS, KEY);
    expect(verifyVisitorToken(token, KEY, 1_999)).toEqual({ ok: true, claims: CLAIMS });
    expect(verifyVisitorToken(token, KEY, 2_000)).toEqual({ ok: false, code: 'token-expired' });
  });

  it('refuses a changed claim, another key, and an agent access token', () => {
    const token = signVisitorToken(CLAIMS, KEY);
    const [version, , signature] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...CLAIMS, conversationId: '01BX5ZZKBKACTAV9WEVGEMMVS0' })).toString('base64url');
    expect(verifyVisitorToken(`${version}.${forgedBody}.${signature}`, KEY, 0)).toEqual({ ok: false, code: 'token-invalid' });
    expect(verifyVisitorToken(token, visitorKey('another hub'), 0)).toEqual({ ok: false, code: 'token-invalid' });
    const access = signAccessToken({ sub: CLAIMS.visitorId, role: 'agent', exp: 2_000 }, SECRET);
    expect(verifyVisitorToken(access, KEY, 0)).toEqual({ ok: false, code: 'token-invalid' });
    expect(verifyVisitorToken('vt1.not json.sig', KEY, 0)).toEqual({ ok: false, code: 'token-invalid' });
  });

  it('signs file links per file', () => {
    const sig = fileSignature(CLAIMS.visitorId, KEY);
    expect(fileSignatureMatches(CLAIMS.visitorId, sig, KEY)).toBe(true);
    expect(fileSignatureMatches(CLAIMS.conversationId, sig, KEY)).toBe(false);
    expect(fileSignatureMatches(CLAIMS.visitorId, `${sig}x`, KEY)).toBe(false);
  });
});
