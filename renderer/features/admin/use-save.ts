import { useCallback, useState } from 'react';
import type { AdminFailure, AdminResult } from '../../sync/admin-client';
import { type FieldErrors, type FormResult, NO_ERRORS, type PathMap } from './field-errors';
import { type AdminForm, refusalErrors } from './save-refusal';

/**
 * A refusal is kept as the hub gave it and put into words when shown, so switching language re-words it.
 * Without a form (the settings tabs of use-settings-draft.ts) it is worded as the hub's failure.
 */
export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'invalid' } | { kind: 'refused'; form?: AdminForm; failure: AdminFailure };

/**
 * One form's save: checked here with the shared schema first (nothing invalid
 * is sent), then the hub's answer; field problems from either side end up in
 * `errors`, keyed by field path.
 */
export function useSave<T, R>(form: AdminForm, send: (value: T) => Promise<AdminResult<R>>, onSaved: (saved: R) => void) {
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  const save = useCallback(
    async (checked: FormResult<T>, mapPath?: PathMap) => {
      if (!checked.ok) {
        setErrors(checked.errors);
        setStatus({ kind: 'invalid' });
        return;
      }
      setStatus({ kind: 'saving' });
      const answer = await send(checked.value);
      if (answer.ok) {
        setErrors(NO_ERRORS);
        setStatus({ kind: 'saved' });
        onSaved(answer.data);
        return;
      }
      setErrors(refusalErrors(form, answer.failure, mapPath));
      setStatus({ kind: 'refused', form, failure: answer.failure });
    },
    [form, send, onSaved],
  );

  /** An edit after a save: the "saved" line no longer describes what is on screen. */
  const touched = useCallback(() => setStatus((status) => (status.kind === 'saved' ? { kind: 'idle' } : status)), []);

  return { errors, status, save, touched };
}
