import { type FormEvent, useCallback, useState } from 'react';
import type { AdminResult } from '../../sync/admin-client';
import type { SaveStatus } from './use-save';

/** A draft's check: the settings to send, or the problems to show beside the fields. */
export type DraftCheck<S, E> = { ok: true; value: S } | { ok: false; errors: E };

/**
 * One settings tab's form (complaints, surveys, follow-ups, customer value):
 * the draft on screen, checked here first so nothing invalid is sent, then
 * saved, with the outcome for SaveBar. A refusal carries no admin form, so it
 * is worded as the hub's failure. Each tab keeps only its fields and its check.
 */
export function useSettingsDraft<D, S, E>(options: {
  initial: () => D;
  noErrors: E;
  check: (draft: D) => DraftCheck<S, E>;
  send: (settings: S) => Promise<AdminResult<S>>;
  onSaved: (saved: S) => void;
}) {
  const { check, send, onSaved, noErrors } = options;
  const [draft, setDraft] = useState<D>(options.initial);
  const [errors, setErrors] = useState<E>(noErrors);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  /** An edit after a save: the "saved" line no longer describes what is on screen. */
  const edit = useCallback((patch: Partial<D>) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    setStatus((previous) => (previous.kind === 'saved' ? { kind: 'idle' } : previous));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = check(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ kind: 'invalid' });
      return;
    }
    setErrors(noErrors);
    setStatus({ kind: 'saving' });
    const answer = await send(checked.value);
    if (!answer.ok) {
      setStatus({ kind: 'refused', failure: answer.failure });
      return;
    }
    setStatus({ kind: 'saved' });
    onSaved(answer.data);
  }

  return { draft, edit, errors, status, submit };
}
