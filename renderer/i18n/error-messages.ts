import type { HubError } from '../../shared/protocol/errors';
import type { AuthFailure } from '../auth/auth-api';
import type { SyncError } from '../store/sync-status';
import type { Translate } from './translate';

/** "Try again in 40 seconds" / "in 15 min": seconds are counted only when they are few. */
export function rateLimitMessage(t: Translate, seconds: number | undefined): string {
  if (!seconds || seconds <= 0) return t('error.rate-limited.later');
  return seconds > 90 ? t('error.rate-limited.minutes', { minutes: Math.ceil(seconds / 60) }) : t('error.rate-limited', { seconds });
}

/** Every hub refusal as a sentence the agent can act on, in their language. */
export function hubErrorMessage(t: Translate, error: Pick<HubError, 'code' | 'retryAfterSec'>): string {
  if (error.code === 'rate-limited') return rateLimitMessage(t, error.retryAfterSec);
  return t(`error.${error.code}`);
}

export function authFailureMessage(t: Translate, failure: AuthFailure): string {
  switch (failure.kind) {
    case 'hub':
      return hubErrorMessage(t, failure.error);
    case 'network':
      return t('error.network');
    case 'bad-answer':
      return t('error.bad-answer');
  }
}

export function syncErrorMessage(t: Translate, error: SyncError): string {
  switch (error.kind) {
    case 'hub':
      return hubErrorMessage(t, error);
    case 'network':
      return t('error.network');
    case 'bad-answer':
      return t('error.bad-answer');
    case 'out-of-sync':
      return t('error.out-of-sync');
  }
}
