import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import type { AdminFailure } from '../../sync/admin-client';
import { loadFailureText } from '../admin/save-refusal';
import { dateInputValue, type OrderForm, type OrderFormError, orderRequest } from './value-form';
import { useValueClient } from './use-value';

const CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR'];

/** An order taken on the phone, filed on the customer's timeline like an imported one; its points and figures follow at once. */
export function AddOrderForm({ customerId, onDone }: { customerId: string; onDone: (message: string) => void }) {
  const t = useT();
  const client = useValueClient();
  const [form, setForm] = useState<OrderForm>({ orderNo: '', amount: '', profit: '', currency: 'CNY', items: '', orderedAt: dateInputValue(Date.now()) });
  const [errors, setErrors] = useState<OrderFormError[]>([]);
  const [failure, setFailure] = useState<AdminFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<OrderForm>) => setForm({ ...form, ...patch });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = orderRequest(customerId, form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    setBusy(true);
    const result = await client.addOrder(checked.request);
    setBusy(false);
    if (!result.ok) setFailure(result.failure);
    else onDone(t(result.data.created ? 'value.order.added' : 'value.order.again', { orderNo: checked.request.orderNo }));
  }

  return (
    <form className="value-form" onSubmit={submit} data-testid="order-add-form" noValidate>
      <label className="field">
        <span>{t('value.order.orderNo')}</span>
        <input value={form.orderNo} maxLength={40} onChange={(e) => set({ orderNo: e.target.value })} data-testid="order-no" />
        {errors.includes('orderNo') && <span className="form-error">{t('value.order.badNumber')}</span>}
      </label>
      <div className="value-form-row">
        <label className="field">
          <span>{t('value.order.amount')}</span>
          <input inputMode="decimal" value={form.amount} onChange={(e) => set({ amount: e.target.value })} data-testid="order-amount" />
          {errors.includes('amount') && <span className="form-error">{t('value.order.badAmount')}</span>}
        </label>
        <label className="field">
          <span>{t('value.order.currency')}</span>
          <select value={form.currency} onChange={(e) => set({ currency: e.target.value })} data-testid="order-currency">
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="value-form-row">
        <label className="field">
          <span>{t('value.order.profit')}</span>
          <input inputMode="decimal" value={form.profit} onChange={(e) => set({ profit: e.target.value })} data-testid="order-profit" />
          {errors.includes('profit') && <span className="form-error">{t('value.order.badAmount')}</span>}
        </label>
        <label className="field">
          <span>{t('value.order.orderedAt')}</span>
          <input type="date" value={form.orderedAt} onChange={(e) => set({ orderedAt: e.target.value })} data-testid="order-date" />
          {errors.includes('orderedAt') && <span className="form-error">{t('value.order.badDate')}</span>}
        </label>
      </div>
      <label className="field">
        <span>{t('value.order.items')}</span>
        <input value={form.items} maxLength={2000} onChange={(e) => set({ items: e.target.value })} data-testid="order-items" />
      </label>
      {failure && (
        <p className="form-error" role="alert" data-testid="order-failure">
          {loadFailureText(t, failure)}
        </p>
      )}
      <div className="value-actions">
        <button type="submit" className="button small primary" disabled={busy} data-testid="order-submit">
          {t('value.order.submit')}
        </button>
        <button type="button" className="button small ghost" onClick={() => onDone('')}>
          {t('value.cancel')}
        </button>
      </div>
    </form>
  );
}
