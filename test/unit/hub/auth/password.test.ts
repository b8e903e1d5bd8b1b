import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../../hub/auth/password';

describe('password hashes', () => {
  it('are argon2id with a fresh salt each time and verify only the right password', async () => {
    const [first, second] = await Promise.all([hashPassword('demo1234'), hashPassword('demo1234')]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, 'demo1234')).toBe(true);
    expect(await verifyPassword(first, 'demo12345')).toBe(false);
  });

  it('treats a malformed stored hash as a failed check', async () => {
    expect(await verifyPassword('not-a-hash', 'demo1234')).toBe(false);
  });
});
