import { createPortal } from 'react-dom';
import { valueOr } from '../../db/live';
import { useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { ComplaintDrawer } from './ComplaintDetail';
import { ComplaintRow } from './ComplaintRow';
import { rankByUrgency } from './complaint-logic';
import { useComplaintUi } from './complaint-store';
import { escalationText, useEscalations } from './use-escalations';
import { SESSION_SETTINGS_REFRESH_MS, useComplaintRefusals, useComplaintSettings, useComplaintSettingsRefresh, useCustomerNames, useMe, useMyOpenComplaints } from './use-complaints';
import { useNow } from '../inbox/routing-context';
import './complaints.css';

function EscalationToasts() {
  const t = useT();
  const escalations = useComplaintUi((state) => state.escalations);
  if (escalations.length === 0) return null;
  // Portalled: supervisors get these while the desk (and this sidebar) is hidden behind their area.
  return createPortal(
    <section className="escalation-toasts" aria-label={t('complaints.escalation.title')}>
      {escalations.map((notice) => (
        <div key={notice.key} className={`escalation-toast is-${notice.reason}`} role="alert" data-testid="complaint-escalation">
          <strong>{t('complaints.escalation.title')}</strong>
          <span>{escalationText(t, notice)}</span>
          <div className="row-end">
            <button type="button" className="button ghost small" onClick={() => useComplaintUi.getState().dismissEscalation(notice.key)}>
              {t('notice.dismiss')}
            </button>
            <button
              type="button"
              className="button primary small"
              onClick={() => {
                useWorkspace.getState().showView('desk');
                useComplaintUi.getState().openComplaint(notice.complaintId);
                useComplaintUi.getState().dismissEscalation(notice.key);
              }}
            >
              {t('complaints.open')}
            </button>
          </div>
        </div>
      ))}
    </section>,
    document.body,
  );
}

/**
 * The sidebar's "My complaints": the open ones I own, most urgent first,
 * coloured by their clocks, from the cache (offline too). It also keeps the
 * complaint view, the escalation toasts, the refusal watch and the settings
 * refresh mounted for the session.
 */
export function MyComplaints() {
  const t = useT();
  const me = useMe();
  const settings = useComplaintSettings();
  const now = useNow(15_000);
  const mine = rankByUrgency(valueOr(useMyOpenComplaints(me), []), settings, now);
  const names = valueOr(useCustomerNames(mine.map((r) => r.complaint.customerId)), new Map<string, string>());
  useComplaintRefusals();
  useComplaintSettingsRefresh(SESSION_SETTINGS_REFRESH_MS);
  useEscalations();
  return (
    <section className="list-section my-complaints" aria-label={t('complaints.mine')} data-testid="my-complaints">
      <h2 className="section-title">
        {t('complaints.mine')} <span className="muted">{mine.length}</span>
      </h2>
      {mine.length === 0 ? (
        <p className="muted">{t('complaints.mineEmpty')}</p>
      ) : (
        <ul className="complaint-list">
          {mine.map((r) => (
            <ComplaintRow key={r.complaint.id} complaint={r.complaint} clocks={null} lead={r.lead} who={names.get(r.complaint.customerId)} categories={settings.categories} />
          ))}
        </ul>
      )}
      <ComplaintDrawer />
      <EscalationToasts />
    </section>
  );
}
