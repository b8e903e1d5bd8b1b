import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signToken, verifyToken } from '../../../../hub/auth/signed-token';

const Claims = z.object({ sub: z.string(), exp: z.number() });
const KEY = 'test key';

/** The same bytes spelled differently: a SHA-256 MAC is 43 base64url characters whose last one carries 2 unused bits. */
function respelledLastCharacter(token: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(token.at(-1) ?? '');
  return token.slice(0, -1) + alphabet[last ^ 1];
}

describe('signed tokens', () => {
  it('verify as signed, and expire', () => {
    const token = signToken('t1', { sub: 'agent1', exp: 2_000 }, KEY);
    expect(verifyToken(token, 't1', Claims, KEY, 1_000)).toEqual({ ok: true, claims: { sub: 'agent1', exp: 2_000 } });
    expect(verifyToken(token, 't1', Claims, KEY, 2_000)).toEqual({ ok: false, code: 'token-expired' });
  });

  it('refuse another version, another key, and altered claims', () => {
    const token = signToken('t1', { sub: 'agent1', exp: 2_000 }, KEY);
    expect(verifyToken(token, 't2', Claims, KEY, 1_000)).toEqual({ ok: false, code: 'token-invalid' });
    expect(verifyToken(token, 't1', Claims, 'other key', 1_000)).toEqual({ ok: false, code: 'token-invalid' });
    const [version, , signature] = token.split('.');
    const forged = `${version}.${Buffer.from(JSON.stringify({ sub: 'agent2', exp: 2_000 })).toString('base64url')}.${signature}`;
    expect(verifyToken(forged, 't1', Claims, KEY, 1_000)).toEqual({ ok: false, code: 'token-invalid' });
  });

  it('refuse a signature whose last character was changed, even where the decoded bytes stay the same', () => {
    for (let sub = 0; sub < 64; sub++) {
      const token = signToken('t1', { sub: `agent${sub}`, exp: 2_000 }, KEY);
      const altered = respelledLastCharacter(token);
      expect(Buffer.from(altered.split('.')[2] ?? '', 'base64url')).toEqual(Buffer.from(token.split('.')[2] ?? '', 'base64url'));
      expect(verifyToken(altered, 't1', Claims, KEY, 1_000)).toEqual({ ok: false, code: 'token-invalid' });
    }
  });
});
