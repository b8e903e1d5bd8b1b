import { hubErrorMessage } from '../../i18n/error-messages';
import type { Translate } from '../../i18n/translate';
import type { AdminFailure } from '../../sync/admin-client';
import { errorsFromHub, type FieldErrors, type FieldProblem, NO_ERRORS, type PathMap } from './field-errors';

/** The admin forms, for refusals that mean something particular to one of them. */
export type AdminForm = 'queue' | 'agent' | 'settings' | 'voice' | 'widget' | 'canned' | 'sms' | 'email';

/**
 * A save the hub did not take, as a message beside the save button. A
 * conflict on a queue is an overflow loop (the only conflict a queue save can meet).
 */
export function describeRefusal(t: Translate, form: AdminForm, failure: AdminFailure): string {
  if (failure.kind === 'network') return t('error.network');
  if (failure.kind === 'bad-answer') return t('error.bad-answer');
  const { error } = failure;
  if (error.code === 'forbidden') return t('admin.refused.forbidden');
  if (error.code === 'invalid-payload') return t('admin.refused.invalid');
  if (error.code === 'conflict' && form === 'queue') return t('admin.refused.overflowLoop');
  return hubErrorMessage(t, error);
}

/** The fields a refusal marks: the hub's field issues, or the overflow field for a queue's loop. */
export function refusalErrors(form: AdminForm, failure: AdminFailure, mapPath?: PathMap): FieldErrors {
  if (failure.kind !== 'hub') return NO_ERRORS;
  if (failure.error.code === 'conflict' && form === 'queue') return new Map<string, FieldProblem>([['overflowQueueId', { kind: 'overflow-loop' }]]);
  return errorsFromHub(failure.error.issues, mapPath);
}

/** A list that could not be loaded, as one sentence. */
export function loadFailureText(t: Translate, failure: AdminFailure): string {
  if (failure.kind === 'network') return t('error.network');
  if (failure.kind === 'bad-answer') return t('error.bad-answer');
  return hubErrorMessage(t, failure.error);
}
