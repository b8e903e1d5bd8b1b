import { describe, expect, it } from 'vitest';
import { checkPassword, MIXED_UNDER, PASSWORD_MAX, PASSWORD_MIN } from '../../../../shared/auth/password-policy';
import { DEMO_PASSWORD } from '../../../../shared/demo/users';

const ruleOf = (password: string, username = 'agent1') => {
  const verdict = checkPassword(password, username);
  return verdict.ok ? 'ok' : verdict.rule;
};

describe('password policy', () => {
  it('accepts the demo password, so the seeded logins, tests and README stay as they are', () => {
    for (const username of ['agent1', 'supervisor', 'admin']) expect(ruleOf(DEMO_PASSWORD, username)).toBe('ok');
  });

  it('measures length in characters as people count them, between the floor and the ceiling', () => {
    expect(ruleOf('Ab3$'.repeat(1).padEnd(PASSWORD_MIN - 1, 'x'))).toBe('too-short');
    expect(ruleOf('Ab3$xxxx')).toBe('ok');
    // Seven Chinese characters are seven, not 21 UTF-8 bytes.
    expect(ruleOf('我爱北京天安门')).toBe('too-short');
    expect(ruleOf('我爱北京天安门1')).toBe('ok');
    expect(ruleOf('x'.repeat(PASSWORD_MAX))).toBe('ok');
    expect(ruleOf('x'.repeat(PASSWORD_MAX + 1))).toBe('too-long');
  });

  it('refuses the username inside the password, whatever the case', () => {
    expect(ruleOf('my-Agent1-pass', 'agent1')).toBe('contains-username');
    expect(ruleOf('supervisor2025!', 'supervisor')).toBe('contains-username');
    // A two-letter username would forbid too much; it is not checked.
    expect(ruleOf('lily-garden-7', 'li')).toBe('ok');
  });

  it('refuses the commonest passwords, whatever the case', () => {
    for (const common of ['12345678', 'password', 'qwerty123', 'a1b2c3d4', 'woaini1314', 'PassWord123', 'Iloveyou1']) expect(ruleOf(common), common).toBe('common');
  });

  it('makes short passwords mix kinds of character; long passphrases need not', () => {
    expect(ruleOf('abcdefghij')).toBe('one-class');
    expect(ruleOf('2718281828')).toBe('one-class');
    expect(ruleOf('abcdefgh1')).toBe('ok');
    expect(ruleOf('a'.repeat(MIXED_UNDER - 1).replace(/a/g, 'q'))).toBe('one-class');
    expect(ruleOf('correcthorsebattery')).toBe('ok');
  });
});
