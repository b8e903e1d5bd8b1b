import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { loadFailureText } from '../admin/save-refusal';
import { useMayCall, useValueClient } from './use-value';

/** The credit standing note: every agent reads it; supervisors keep it. */
export function CreditNote({ customerId, note, online, onSaved }: { customerId: string; note: string | null; online: boolean; onSaved: () => void }) {
  const t = useT();
  const client = useValueClient();
  const mayEdit = useMayCall('customer:credit');
  const [draft, setDraft] = useState<string | null>(null);
  const [failure, setFailure] = useState<AdminFailure | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (draft === null) return;
    const result = await client.setCredit(customerId, draft.trim());
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setDraft(null);
    setFailure(null);
    onSaved();
  }

  return (
    <div className="value-block" data-testid="value-credit">
      <h4>
        {t('value.credit')}
        {mayEdit && online && draft === null && (
          <button type="button" className="button small ghost" onClick={() => setDraft(note ?? '')} data-testid="credit-edit">
            {t('value.credit.edit')}
          </button>
        )}
      </h4>
      {draft === null ? (
        <p className={note ? '' : 'muted'} data-testid="credit-note">
          {note ?? t('value.credit.none')}
        </p>
      ) : (
        <form className="value-form" onSubmit={save}>
          <textarea value={draft} maxLength={500} rows={2} placeholder={t('value.credit.placeholder')} onChange={(e) => setDraft(e.target.value)} data-testid="credit-input" />
          {failure && <p className="form-error">{loadFailureText(t, failure)}</p>}
          <div className="value-actions">
            <button type="submit" className="button small primary" data-testid="credit-save">
              {t('value.credit.save')}
            </button>
            <button type="button" className="button small ghost" onClick={() => setDraft(null)}>
              {t('value.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
