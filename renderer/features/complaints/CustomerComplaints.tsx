import { useT } from '../../i18n/locale-store';
import { valueOr } from '../../db/live';
import { ComplaintRow } from './ComplaintRow';
import { isOpen, rankByUrgency } from './complaint-logic';
import { useComplaintUi } from './complaint-store';
import { LogComplaintForm } from './LogComplaintForm';
import { useComplaintSettings, useCustomerComplaints } from './use-complaints';
import { useNow } from '../inbox/routing-context';

/** The customer's complaints on the 360's profile panel: open ones by urgency, then the rest newest first; "Log complaint" opens the form. */
export function CustomerComplaints({ customerId }: { customerId: string }) {
  const t = useT();
  const settings = useComplaintSettings();
  const now = useNow(30_000);
  const complaints = valueOr(useCustomerComplaints(customerId), []);
  const open = rankByUrgency(complaints.filter(isOpen), settings, now);
  const done = rankByUrgency(complaints.filter((c) => !isOpen(c)), settings, now).sort((a, b) => b.complaint.openedAt - a.complaint.openedAt);
  return (
    <section className="panel-section" aria-label={t('complaints.title')} data-testid="customer-complaints">
      <div className="panel-head">
        <h3 className="section-title">{t('complaints.title')}</h3>
        <button type="button" className="button small" onClick={() => useComplaintUi.getState().startLogging(customerId)} data-testid="complaint-log">
          {t('complaints.log.open')}
        </button>
      </div>
      {complaints.length === 0 ? (
        <p className="muted">{t('complaints.noneForCustomer')}</p>
      ) : (
        <ul className="complaint-list">
          {[...open, ...done.slice(0, 5)].map((r) => (
            <ComplaintRow key={r.complaint.id} complaint={r.complaint} clocks={r.clocks} lead={r.lead} categories={settings.categories} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Where the log form opens: above the timeline, for the customer it was asked for. */
export function ComplaintLogSlot({ customerId }: { customerId: string }) {
  const loggingFor = useComplaintUi((state) => state.loggingFor);
  return loggingFor === customerId ? <LogComplaintForm key={customerId} customerId={customerId} /> : null;
}
