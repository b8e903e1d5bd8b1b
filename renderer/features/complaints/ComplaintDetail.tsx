import { complaintClocks } from '../../../shared/complaints/sla';
import type { Complaint } from '../../../shared/complaints/complaint';
import { complaintNumberOf } from '../../../shared/protocol/complaints';
import { useCustomer } from '../../db/hooks';
import { valueOr } from '../../db/live';
import { formatDateTime } from '../../i18n/format';
import { hubErrorMessage } from '../../i18n/error-messages';
import { useLocale, useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { ClockChip } from './ClockChip';
import { ComplaintSteps } from './ComplaintSteps';
import { labelOf } from './complaint-logic';
import { useComplaintUi } from './complaint-store';
import { useComplaint, useComplaintLines, useComplaintPending, useComplaintSettings, useComplaintSettingsRefresh, useMe } from './use-complaints';
import { useDirectory } from './use-directory';
import { useNow } from '../inbox/routing-context';

function Refusal({ complaintId }: { complaintId: string }) {
  const t = useT();
  const refusal = useComplaintUi((state) => state.refusals[complaintId]);
  if (!refusal) return null;
  const reason = refusal.code ? t(`complaints.refusal.${refusal.code}`) : hubErrorMessage(t, { code: refusal.hubCode });
  return (
    <p className="complaint-refusal" role="alert" data-testid="complaint-refusal" data-code={refusal.code ?? refusal.hubCode}>
      {t('complaints.refused', { reason })}
    </p>
  );
}

function History({ complaint }: { complaint: Complaint }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const lines = valueOr(useComplaintLines(complaint), []);
  const pending = useComplaintPending(complaint.id);
  return (
    <section className="complaint-history" aria-label={t('complaints.history')}>
      <h4 className="section-title">{t('complaints.history')}</h4>
      <ol className="history-list" data-testid="complaint-history">
        {lines.map((line) => (
          <li key={line.id} data-testid="complaint-line" data-step={line.step}>
            <span className="muted">{formatDateTime(line.occurredAt, locale)}</span>
            <strong>{t(`complaint.step.${line.step}`)}</strong>
            <span className="tag">{t(`complaint.status.${line.status}`)}</span>
            {line.text && <span className="prewrap history-text">{line.text}</span>}
          </li>
        ))}
        {pending && (
          <li className="muted" data-testid="complaint-line-pending">
            <span className="pending-chip">{t('timeline.pending')}</span> {t('complaints.pendingLine')}
          </li>
        )}
      </ol>
    </section>
  );
}

/** One complaint: both clocks ticking, what it is about, what was done, and the steps its status allows. */
export function ComplaintDetail({ complaint }: { complaint: Complaint }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const settings = useComplaintSettings();
  useComplaintSettingsRefresh();
  const me = useMe();
  const now = useNow();
  const pending = useComplaintPending(complaint.id);
  const customer = valueOr(useCustomer(complaint.customerId), null);
  const clocks = complaintClocks(complaint, settings.sla, now);
  // Names come from the hub's directory while online; offline a colleague or team shows by id.
  const directory = useDirectory();
  const owner =
    complaint.ownerId === null
      ? t('complaints.owner.nobody')
      : complaint.ownerId === me
        ? t('complaints.owner.me')
        : (directory?.agents.find((a) => a.id === complaint.ownerId)?.displayName ?? complaint.ownerId);
  const team = complaint.teamId === null ? null : (directory?.queues.find((q) => q.id === complaint.teamId)?.name ?? complaint.teamId);
  return (
    <article className="complaint-detail" data-testid="complaint-detail" data-complaint-id={complaint.id} data-status={complaint.status}>
      <header className="complaint-detail-head">
        <div>
          <h2>
            <span className="mono">{complaintNumberOf(complaint.id)}</span> · {labelOf(settings.categories, complaint.category, locale)}
            {complaint.subCategory && <> › {labelOf(settings.categories, complaint.subCategory, locale)}</>}
          </h2>
          <p className="muted">
            {customer ? (
              <button type="button" className="link-button" onClick={() => useWorkspace.getState().openCustomer(complaint.customerId)} data-testid="complaint-customer">
                {customer.name} · {customer.number}
              </button>
            ) : null}{' '}
            {t('complaints.openedAt', { time: formatDateTime(complaint.openedAt, locale), channel: t(`complaints.channel.${complaint.channel}`) })}
          </p>
        </div>
        <div className="complaint-chips">
          <span className={`status-chip is-${complaint.status}`} data-testid="complaint-status">
            {t(`complaint.status.${complaint.status}`)}
          </span>
          <span className={`severity-chip severity-${complaint.severity}`}>{t(`complaints.severity.${complaint.severity}`)}</span>
          {pending && (
            <span className="pending-chip" data-testid="complaint-pending">
              {t('timeline.pending')}
            </span>
          )}
        </div>
      </header>
      <div className="complaint-clocks" data-testid="complaint-clocks">
        <ClockChip clock={clocks.firstResponse} show="full" />
        <ClockChip clock={clocks.resolution} show="full" />
      </div>
      <Refusal complaintId={complaint.id} />
      <dl className="details-grid">
        <dt>{t('complaints.field.description')}</dt>
        <dd className="prewrap" data-testid="complaint-description-text">
          {complaint.description}
        </dd>
        <dt>{t('complaints.field.customerRequest')}</dt>
        <dd className="prewrap">{complaint.customerRequest || '—'}</dd>
        <dt>{t('complaints.field.orders')}</dt>
        <dd className="mono">{complaint.orderRefs.join(', ') || '—'}</dd>
        <dt>{t('complaints.field.owner')}</dt>
        <dd data-testid="complaint-owner-text">
          {owner}
          {team && <span className="muted"> · {team}</span>}
        </dd>
        {complaint.linkedInteractionIds.length > 0 && (
          <>
            <dt>{t('complaints.field.linked')}</dt>
            <dd>{t('complaints.linkedCount', { count: complaint.linkedInteractionIds.length })}</dd>
          </>
        )}
        {complaint.reopenCount > 0 && (
          <>
            <dt>{t('complaints.field.reopened')}</dt>
            <dd>{t('complaints.reopenedTimes', { count: complaint.reopenCount })}</dd>
          </>
        )}
      </dl>
      {complaint.resolution && (
        <section className="complaint-resolution" data-testid="complaint-resolution">
          <h4 className="section-title">{t('complaints.resolution')}</h4>
          <p className="prewrap">{complaint.resolution.note}</p>
          <dl className="details-grid">
            <dt>{t('complaints.field.rootCause')}</dt>
            <dd data-testid="complaint-root-cause">{labelOf(settings.rootCauses, complaint.resolution.rootCause, locale)}</dd>
            <dt>{t('complaints.field.compensation')}</dt>
            <dd>
              {[
                complaint.resolution.compensation.loyaltyPoints > 0 ? t('complaints.points', { count: complaint.resolution.compensation.loyaltyPoints }) : null,
                complaint.resolution.compensation.couponCode ? t('complaints.coupon', { code: complaint.resolution.compensation.couponCode }) : null,
                complaint.resolution.compensation.refundNote,
              ]
                .filter(Boolean)
                .join(' · ') || '—'}
            </dd>
          </dl>
        </section>
      )}
      <ComplaintSteps complaint={complaint} settings={settings} me={me} />
      <History complaint={complaint} />
    </article>
  );
}

/** The complaint opened from a list, over whatever is on screen; Escape or the close button puts it away. */
export function ComplaintDrawer() {
  const t = useT();
  const id = useComplaintUi((state) => state.openComplaintId);
  if (id === null) return null;
  return <OpenComplaint id={id} onClose={() => useComplaintUi.getState().openComplaint(null)} label={t('complaints.view')} />;
}

function OpenComplaint({ id, onClose, label }: { id: string; onClose: () => void; label: string }) {
  const t = useT();
  const complaint = useComplaint(id);
  return (
    <div
      className="complaint-drawer"
      role="dialog"
      aria-label={label}
      data-testid="complaint-drawer"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <button type="button" className="button ghost small drawer-close" onClick={onClose} data-testid="complaint-close">
        {t('complaints.close')}
      </button>
      {complaint.status === 'ready' && complaint.value ? (
        <ComplaintDetail complaint={complaint.value} />
      ) : (
        <p className="muted pad">{complaint.status === 'loading' ? t('app.loading') : t('complaints.gone')}</p>
      )}
    </div>
  );
}
