import type { PasswordRule } from '../../../shared/auth/password-policy';
import { hubErrorMessage } from '../../i18n/error-messages';
import type { Translate } from '../../i18n/translate';
import type { AdminFailure } from '../../sync/admin-client';

/** A password the hub or the policy refused, as the rule to fix. */
export const passwordRuleText = (t: Translate, rule: PasswordRule): string => t(`password.rule.${rule}`);

/** Why a password or session request did not happen, in the user's language; a weak password names its rule. */
export function accountFailureText(t: Translate, failure: AdminFailure): string {
  if (failure.kind === 'network') return t('error.network');
  if (failure.kind === 'bad-answer') return t('error.bad-answer');
  const { error } = failure;
  if (error.code === 'weak-password' && error.rule) return passwordRuleText(t, error.rule);
  if (error.code === 'bad-credentials') return t('account.wrongPassword');
  return hubErrorMessage(t, error);
}
