import { describe, expect, it } from 'vitest';
import { normaliseIdentityValue } from '../../../../hub/sync/mutations/identity-value';

describe('normaliseIdentityValue', () => {
  it.each([
    ['138 1234 5678', 'CN', '+8613812345678'],
    ['+86-10-8888-6666', 'CN', '+861088886666'],
    ['(020) 7946 0018', 'GB', '+442079460018'],
    ['+1 212 555 0100', 'CN', '+12125550100'],
  ] as const)('normalises phone %s in %s to E.164', (input, region, expected) => {
    expect(normaliseIdentityValue('phone', input, region)).toEqual({ ok: true, value: expected });
  });

  it('refuses what is not a phone number', () => {
    const result = normaliseIdentityValue('phone', 'call me maybe', 'CN');
    expect(result.ok).toBe(false);
    expect(normaliseIdentityValue('phone', '12', 'CN').ok).toBe(false);
  });

  it('lower-cases emails and refuses non-addresses', () => {
    expect(normaliseIdentityValue('email', '  Wang.Fang@Example.CN ', 'CN')).toEqual({ ok: true, value: 'wang.fang@example.cn' });
    expect(normaliseIdentityValue('email', 'wang.fang', 'CN').ok).toBe(false);
  });

  it('keeps visitor ids as given, trimmed', () => {
    expect(normaliseIdentityValue('visitor', ' visitor-1a-x9 ', 'CN')).toEqual({ ok: true, value: 'visitor-1a-x9' });
    expect(normaliseIdentityValue('visitor', '   ', 'CN').ok).toBe(false);
  });
});
