import { type FormEvent, useState } from 'react';
import { COMPLAINT_SEVERITIES } from '../../../shared/complaints/complaint';
import { useDb } from '../../db/context';
import { useLiveQuery, valueOr } from '../../db/live';
import { formatDate } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import type { MessageKey } from '../../i18n/translate';
import { useRouting } from '../inbox/routing-context';
import { complaintChannelOf, EMPTY_LOG_FORM, type LogField, type LogFieldError, type LogForm, type LogFormErrors, labelOf, linkedInteractionOf, orderRefsOf, validateLogForm } from './complaint-logic';
import { useComplaintUi } from './complaint-store';
import { useComplaintMutations, useComplaintSettings, useComplaintSettingsRefresh, useMe } from './use-complaints';
import { useDirectory } from './use-directory';

/** The task I am working for this customer (assigned or in wrap-up): the complaint's channel and linked contact come from it. */
function useTaskFor(customerId: string) {
  return useRouting(
    (state) =>
      state.tasks.find((task) => task.id === state.selectedTaskId && task.customerId === customerId && (task.status === 'assigned' || task.status === 'wrap-up')) ??
      null,
  );
}

function errorKey(field: LogField, error: LogFieldError): MessageKey {
  switch (error) {
    case 'required':
      return `complaints.error.required.${field}`;
    case 'unknown-category':
      return 'complaints.error.unknownCategory';
    case 'unknown-sub-category':
      return 'complaints.error.unknownSubCategory';
    case 'too-long':
      return 'complaints.error.tooLong';
  }
}

function FieldError({ field, errors }: { field: LogField; errors: LogFormErrors }) {
  const t = useT();
  const error = errors[field];
  if (!error) return null;
  return (
    <span className="form-error" role="alert" data-testid={`complaint-error-${field}`} data-error={error}>
      {t(errorKey(field, error))}
    </span>
  );
}

/**
 * Log a complaint (投诉登记) from the profile or during a contact, online or
 * offline: categories come from the cached settings, orders from the
 * customer's cached order lines. On saving it opens in the complaint view.
 */
export function LogComplaintForm({ customerId }: { customerId: string }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const db = useDb();
  const me = useMe();
  const settings = useComplaintSettings();
  useComplaintSettingsRefresh();
  const task = useTaskFor(customerId);
  const directory = useDirectory();
  const { log } = useComplaintMutations();
  const rows = valueOr(
    useLiveQuery(() => db.interactions.where('customerId').equals(customerId).toArray(), [db, customerId]),
    [],
  );
  const [form, setForm] = useState<LogForm>(EMPTY_LOG_FORM);
  const [errors, setErrors] = useState<LogFormErrors>({});
  const [busy, setBusy] = useState(false);
  const channel = complaintChannelOf(task?.channel ?? null);
  const category = settings.categories.find((c) => c.code === form.category);
  const orders = orderRefsOf(rows);
  const close = () => useComplaintUi.getState().startLogging(null);

  const edit = (patch: Partial<LogForm>, field?: LogField) => {
    setForm((previous) => ({ ...previous, ...patch }));
    if (field) setErrors(({ [field]: _, ...rest }) => rest);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const linkedInteractionIds = linkedInteractionOf(rows, channel, task?.createdAt ?? Number.POSITIVE_INFINITY);
    const checked = validateLogForm(form, settings, { customerId, channel, linkedInteractionIds, me });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const mutation = await log(checked.draft);
      close();
      if (mutation.name === 'complaint.log') useComplaintUi.getState().openComplaint(mutation.args.complaint.id);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="complaint-form" onSubmit={submit} aria-label={t('complaints.log.title')} data-testid="complaint-form" noValidate>
      <div className="panel-head">
        <h3 className="section-title">{t('complaints.log.title')}</h3>
        <span className="tag" data-testid="complaint-form-channel">
          {t('complaints.log.from', { channel: t(`complaints.channel.${channel}`) })}
        </span>
      </div>
      <div className="complaint-form-grid">
        <label className="field">
          <span>{t('complaints.field.category')}</span>
          <select
            value={form.category}
            onChange={(e) => edit({ category: e.target.value, subCategory: '' }, 'category')}
            aria-invalid={errors.category ? true : undefined}
            data-testid="complaint-category"
          >
            <option value="">{t('complaints.choose')}</option>
            {settings.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {labelOf([c], c.code, locale)}
              </option>
            ))}
          </select>
          <FieldError field="category" errors={errors} />
        </label>
        <label className="field">
          <span>{t('complaints.field.subCategory')}</span>
          <select
            value={form.subCategory}
            onChange={(e) => edit({ subCategory: e.target.value }, 'subCategory')}
            disabled={!category || category.children.length === 0}
            aria-invalid={errors.subCategory ? true : undefined}
            data-testid="complaint-sub-category"
          >
            <option value="">{category && category.children.length === 0 ? t('complaints.none') : t('complaints.choose')}</option>
            {category?.children.map((c) => (
              <option key={c.code} value={c.code}>
                {labelOf([c], c.code, locale)}
              </option>
            ))}
          </select>
          <FieldError field="subCategory" errors={errors} />
        </label>
        <fieldset className="field severity-field">
          <span>{t('complaints.field.severity')}</span>
          <div className="segmented" role="radiogroup" aria-label={t('complaints.field.severity')}>
            {COMPLAINT_SEVERITIES.map((severity) => (
              <label key={severity} className={`segment severity-${severity}${form.severity === severity ? ' is-on' : ''}`}>
                <input
                  type="radio"
                  name="severity"
                  value={severity}
                  checked={form.severity === severity}
                  onChange={() => edit({ severity }, 'severity')}
                  data-testid={`complaint-severity-${severity}`}
                />
                {t(`complaints.severity.${severity}`)}
              </label>
            ))}
          </div>
          <FieldError field="severity" errors={errors} />
        </fieldset>
        <label className="field">
          <span>{t('complaints.field.owner')}</span>
          <select value={form.ownerId} onChange={(e) => edit({ ownerId: e.target.value })} data-testid="complaint-owner">
            <option value="">{t('complaints.owner.me')}</option>
            {directory?.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.displayName}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('complaints.field.description')}</span>
        <textarea
          rows={3}
          maxLength={4000}
          value={form.description}
          onChange={(e) => edit({ description: e.target.value }, 'description')}
          placeholder={t('complaints.field.descriptionHint')}
          aria-invalid={errors.description ? true : undefined}
          data-testid="complaint-description"
        />
        <FieldError field="description" errors={errors} />
      </label>
      <label className="field">
        <span>{t('complaints.field.customerRequest')}</span>
        <input
          value={form.customerRequest}
          maxLength={4000}
          onChange={(e) => edit({ customerRequest: e.target.value }, 'customerRequest')}
          placeholder={t('complaints.field.customerRequestHint')}
          data-testid="complaint-request"
        />
        <FieldError field="customerRequest" errors={errors} />
      </label>
      <fieldset className="field">
        <span>{t('complaints.field.orders')}</span>
        {orders.length === 0 ? (
          <p className="muted">{t('complaints.orders.none')}</p>
        ) : (
          <ul className="order-picks">
            {orders.slice(0, 12).map((order) => (
              <li key={order.orderNo}>
                <label>
                  <input
                    type="checkbox"
                    checked={form.orderRefs.includes(order.orderNo)}
                    onChange={(e) =>
                      edit({ orderRefs: e.target.checked ? [...form.orderRefs, order.orderNo] : form.orderRefs.filter((ref) => ref !== order.orderNo) })
                    }
                    data-testid="complaint-order"
                  />
                  <span className="mono">{order.orderNo}</span> <span className="muted">{formatDate(order.occurredAt, locale)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className="row-end">
        <button type="button" className="button small" onClick={close} data-testid="complaint-cancel">
          {t('complaints.cancel')}
        </button>
        <button type="submit" className="button primary small" disabled={busy} data-testid="complaint-submit">
          {t('complaints.log.submit')}
        </button>
      </div>
    </form>
  );
}
