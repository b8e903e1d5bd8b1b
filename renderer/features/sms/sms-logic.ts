import type { MessageKey } from '../../i18n/translate';
import type { SmsFailureCode } from './sms-store';
import type { SmsProblem } from './sms-client';

/** What to tell the agent about a reply the hub would not take; `reason` is the refusal's issue (`opted-out`). */
export function smsProblemKey(problem: SmsProblem, reason: string | null): MessageKey {
  if (reason === 'opted-out') return 'sms.problem.opted-out';
  switch (problem) {
    case 'conflict':
      return 'sms.problem.conflict';
    case 'forbidden':
    case 'not-found':
      return 'sms.problem.notMine';
    case 'empty':
      return 'sms.empty';
    default:
      return `error.${problem}`;
  }
}

/** A refused reply is worth sending again only when the refusal was about the moment (or the customer opted back in). */
export const isWorthResending = (failure: SmsFailureCode, reason: string | null): boolean =>
  reason === 'opted-out' || failure === 'rate-limited' || failure === 'internal' || failure === 'bad-answer';
