import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { loadFailureText } from '../admin/save-refusal';
import { type PointsForm, type PointsFormError, pointsRequest } from './value-form';
import { useValueClient } from './use-value';

/** The hub's refusal when points would go below zero carries the balance in its issue: "insufficient-points: balance 100, …". */
const balanceOf = (failure: AdminFailure): number | null => {
  if (failure.kind !== 'hub' || failure.error.code !== 'conflict') return null;
  const match = /^insufficient-points: balance (\d+)/.exec(failure.error.issues?.[0]?.message ?? '');
  return match ? Number(match[1]) : null;
};

/** A supervisor's adjustment (with its reason) or redemption (with its reference) of the customer's points. */
export function PointsEditor({ customerId, kind, onDone }: { customerId: string; kind: PointsForm['kind']; onDone: () => void }) {
  const t = useT();
  const client = useValueClient();
  const [form, setForm] = useState<PointsForm>({ kind, points: '', text: '' });
  const [errors, setErrors] = useState<PointsFormError[]>([]);
  const [failure, setFailure] = useState<AdminFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = pointsRequest(customerId, form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    setBusy(true);
    const result = await client.adjust(checked.request);
    setBusy(false);
    if (result.ok) onDone();
    else setFailure(result.failure);
  }

  const balance = failure ? balanceOf(failure) : null;
  return (
    <form className="value-form" onSubmit={submit} data-testid={`points-${kind}-form`} noValidate>
      <label className="field">
        <span>{t('value.points.amount')}</span>
        <input inputMode="numeric" value={form.points} onChange={(e) => setForm({ ...form, points: e.target.value })} data-testid="points-amount" />
        {kind === 'adjust' && <small className="muted">{t('value.points.amountHelp')}</small>}
        {errors.includes('points') && <span className="form-error">{t('value.points.badAmount')}</span>}
      </label>
      <label className="field">
        <span>{t(kind === 'adjust' ? 'value.points.reason' : 'value.points.reference')}</span>
        <input value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} data-testid="points-text" />
        {errors.includes('text') && <span className="form-error">{t(kind === 'adjust' ? 'value.points.reasonRequired' : 'value.points.referenceRequired')}</span>}
      </label>
      {failure && (
        <p className="form-error" role="alert" data-testid="points-failure">
          {balance === null ? loadFailureText(t, failure) : t('value.points.insufficient', { balance })}
        </p>
      )}
      <div className="value-actions">
        <button type="submit" className="button small primary" disabled={busy} data-testid="points-save">
          {t('value.points.save')}
        </button>
        <button type="button" className="button small ghost" onClick={onDone}>
          {t('value.cancel')}
        </button>
      </div>
    </form>
  );
}
