import { checkPassword, type PasswordRule } from '../../shared/auth/password-policy';
import { refuse } from '../sync/refusal';

/** The hub's words for each rule; the desktop shows its own translation of `rule`. */
const RULE_TEXT: Record<PasswordRule, string> = {
  'too-short': 'The password is too short: use at least 8 characters.',
  'too-long': 'The password is too long: use at most 256 characters.',
  'contains-username': 'The password must not contain the username.',
  'one-class': 'A password shorter than 12 characters must mix letters, digits or symbols.',
  common: 'This password is one of the most common ones; choose another.',
};

/** Throws `weak-password` naming the broken rule, for every place a password is set. */
export function assertStrongPassword(password: string, username: string): void {
  const verdict = checkPassword(password, username);
  if (!verdict.ok) throw refuse('weak-password', RULE_TEXT[verdict.rule], { rule: verdict.rule, issues: [{ path: 'password', message: RULE_TEXT[verdict.rule] }] });
}
