import { type FormEvent, useState } from 'react';
import { useStore } from 'zustand';
import type { DuplicateReason, DuplicateSuggestion } from '../../../shared/customers/duplicates';
import { formatPhone } from '../../../shared/phone/e164';
import { useDb } from '../../db/context';
import { useLiveQuery } from '../../db/live';
import type { CustomerRow } from '../../db/rows';
import { useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { useMutations, useSync } from '../../sync/context';
import { pendingMergesInto, possibleDuplicates } from './duplicate-candidates';

function ReasonChip({ reason }: { reason: DuplicateReason }) {
  const t = useT();
  const value = reason.kind === 'same-phone' ? formatPhone(reason.value) : reason.kind === 'same-email' ? reason.value : '';
  return (
    <li className="tag" data-testid="duplicate-reason" data-reason={reason.kind}>
      {t(`merge.reason.${reason.kind}`, { value })}
    </li>
  );
}

/** Choose which record stays, then queue the merge: it is sent when the hub can be reached. */
function MergeDialog({ customer, other, onClose }: { customer: CustomerRow; other: DuplicateSuggestion; onClose(): void }) {
  const t = useT();
  const { mergeCustomers } = useMutations();
  const { engine } = useSync();
  const online = useStore(engine.status, (state) => state.connection.kind === 'online' || state.connection.kind === 'syncing');
  const [keepThis, setKeepThis] = useState(true);
  const [busy, setBusy] = useState(false);
  const survivor = keepThis ? { id: customer.id, number: customer.number } : { id: other.customerId, number: other.number };
  const duplicateId = keepThis ? other.customerId : customer.id;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    await mergeCustomers(survivor.id, duplicateId);
    // The record on screen may be the one that goes: show the one that stays.
    if (survivor.id !== customer.id) useWorkspace.getState().openCustomer(survivor.id);
    onClose();
  }

  const choice = (id: string, number: string, name: string, checked: boolean, pick: () => void) => (
    <label className="merge-choice" data-testid="merge-choice" data-customer-id={id}>
      <input type="radio" name="merge-survivor" checked={checked} onChange={pick} />
      <span>
        <strong>{name}</strong> <span className="mono muted">{number}</span>
      </span>
      {checked && <span className="pending-chip">{t('merge.keep')}</span>}
    </label>
  );

  return (
    <form className="wrapup-form merge-dialog" role="dialog" aria-label={t('merge.dialogTitle')} onSubmit={submit} data-testid="merge-dialog">
      <h3>{t('merge.dialogTitle')}</h3>
      <fieldset className="field">
        {choice(customer.id, customer.number, customer.name, keepThis, () => setKeepThis(true))}
        {choice(other.customerId, other.number, other.name, !keepThis, () => setKeepThis(false))}
      </fieldset>
      <p className="muted">{t('merge.explain')}</p>
      {!online && <p className="muted">{t('merge.offline')}</p>}
      <div className="row-end">
        <button type="button" className="button small" onClick={onClose} data-testid="merge-cancel">
          {t('merge.cancel')}
        </button>
        <button type="submit" className="button primary small" disabled={busy} data-testid="merge-confirm">
          {t('merge.confirm', { number: survivor.number })}
        </button>
      </div>
    </form>
  );
}

/** Likely duplicates of the customer on screen, with the reasons, and the way to merge one in. */
export function PossibleDuplicates({ customer }: { customer: CustomerRow }) {
  const t = useT();
  const db = useDb();
  const { mutation } = useSync();
  const [merging, setMerging] = useState<DuplicateSuggestion | null>(null);
  const found = useLiveQuery(() => possibleDuplicates(db, customer.id, mutation.region), [db, customer.id, customer.name, mutation.region]);
  const suggestions = found.status === 'ready' ? found.value : [];

  return (
    <section className="panel-section" aria-label={t('merge.title')} data-testid="possible-duplicates">
      <h3 className="section-title">{t('merge.title')}</h3>
      {found.status === 'ready' && suggestions.length === 0 && <p className="muted">{t('merge.none')}</p>}
      <ul className="duplicate-list">
        {suggestions.map((suggestion) => (
          <li key={suggestion.customerId} className="duplicate" data-testid="duplicate" data-customer-id={suggestion.customerId}>
            <div className="duplicate-head">
              <strong>{suggestion.name}</strong> <span className="mono muted">{suggestion.number}</span>
              <span className="muted duplicate-score">{t('merge.score', { score: Math.round(suggestion.score * 100) })}</span>
            </div>
            <ul className="tags">
              {suggestion.reasons.map((reason) => (
                <ReasonChip key={reason.kind + ('value' in reason ? reason.value : '')} reason={reason} />
              ))}
            </ul>
            <div className="row-end">
              <button type="button" className="button small" onClick={() => useWorkspace.getState().openCustomer(suggestion.customerId)} data-testid="duplicate-open">
                {t('merge.open')}
              </button>
              <button type="button" className="button small" onClick={() => setMerging(suggestion)} data-testid="duplicate-merge">
                {t('merge.merge')}
              </button>
            </div>
            {merging?.customerId === suggestion.customerId && <MergeDialog customer={customer} other={suggestion} onClose={() => setMerging(null)} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Shown on the survivor while a merge waits for the hub: the other customer's history is not here yet. */
export function PendingMerges({ customerId }: { customerId: string }) {
  const t = useT();
  const db = useDb();
  const pending = useLiveQuery(() => pendingMergesInto(db, customerId), [db, customerId]);
  const count = pending.status === 'ready' ? pending.value.length : 0;
  if (count === 0) return null;
  return (
    <p className="merge-pending" data-testid="merge-pending">
      {t('merge.pending', { count })}
    </p>
  );
}
