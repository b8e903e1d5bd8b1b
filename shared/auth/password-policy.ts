import { z } from 'zod';

/**
 * What a new password must be, wherever one is set (an admin creating a user or
 * resetting one, a user changing their own). Pure, so the desktop can say what
 * is wrong as the password is typed and the hub applies the very same rule.
 *
 * Length counts most (NIST SP 800-63B): 8 is the floor, and below
 * MIXED_UNDER a password must mix at least two kinds of character, so a short
 * one is never all digits or all letters. The demo's `demo1234` passes, which
 * keeps the seeded logins, tests and README as they are.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
/** Passwords shorter than this must mix character classes; longer ones (passphrases) need not. */
export const MIXED_UNDER = 12;

export const PasswordRuleSchema = z.enum(['too-short', 'too-long', 'contains-username', 'one-class', 'common']);
export type PasswordRule = z.infer<typeof PasswordRuleSchema>;

export type PasswordVerdict = { ok: true } | { ok: false; rule: PasswordRule };

/**
 * The commonest passwords in the published breach lists (English and Chinese
 * sites), lower-cased; a password equal to one, ignoring case, is refused.
 * Those shorter than PASSWORD_MIN are left out: the length rule refuses them already.
 */
const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '12345678910',
  '11111111',
  '88888888',
  '00000000',
  '66666666',
  '87654321',
  '11223344',
  '12341234',
  '123123123',
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwerty123',
  'qwertyuiop',
  'qwerty12345',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'q1w2e3r4',
  'a1b2c3d4',
  'abc12345',
  'abcd1234',
  'abcdefgh',
  'iloveyou',
  'iloveyou1',
  'woaini1314',
  'woaini520',
  'woaini123',
  '5201314',
  '52013145201314',
  'aa123456',
  'aa12345678',
  'a12345678',
  'a123456789',
  'qq123456',
  'zxcvbnm123',
  'asdfghjkl',
  '1qaz2wsx',
  'admin123',
  'admin1234',
  'welcome1',
  'sunshine1',
  'football1',
  'baseball1',
  'princess1',
  'changeme',
  'letmein1',
]);

function classes(password: string): number {
  let count = 0;
  if (/\p{Ll}/u.test(password)) count += 1;
  if (/\p{Lu}/u.test(password)) count += 1;
  if (/\p{Nd}/u.test(password)) count += 1;
  // Anything else: punctuation, spaces, and letters without case (Chinese characters).
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) count += 1;
  return count;
}

/** The first rule a new password breaks, in the order a person would fix them. Length is in code points, as people count. */
export function checkPassword(password: string, username: string): PasswordVerdict {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return { ok: false, rule: 'too-short' };
  if (length > PASSWORD_MAX) return { ok: false, rule: 'too-long' };
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return { ok: false, rule: 'contains-username' };
  if (COMMON.has(lower)) return { ok: false, rule: 'common' };
  if (length < MIXED_UNDER && classes(password) < 2) return { ok: false, rule: 'one-class' };
  return { ok: true };
}
