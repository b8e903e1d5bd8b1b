import type { Complaint } from '../../../shared/complaints/complaint';
import type { SlaClock } from '../../../shared/complaints/sla';
import { type ComplaintSettings, complaintNumberOf } from '../../../shared/protocol/complaints';
import { useLocale, useT } from '../../i18n/locale-store';
import { ClockChip } from './ClockChip';
import { labelOf } from './complaint-logic';
import { useComplaintUi } from './complaint-store';

/** One complaint in a list: number, category, status, and its clocks in colour; opens the complaint view. */
export function ComplaintRow({
  complaint,
  clocks,
  lead,
  who,
  categories,
}: {
  complaint: Complaint;
  clocks: { firstResponse: SlaClock; resolution: SlaClock } | null;
  lead: SlaClock;
  /** The customer's name where the list mixes customers. */
  who?: string | undefined;
  categories: ComplaintSettings['categories'];
}) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  return (
    <li className={`complaint-row is-${lead.colour}`} data-testid="complaint-row" data-complaint-id={complaint.id} data-colour={lead.colour} data-status={complaint.status}>
      <button type="button" className="complaint-row-button" onClick={() => useComplaintUi.getState().openComplaint(complaint.id)}>
        <span className="complaint-row-top">
          <span className="mono">{complaintNumberOf(complaint.id)}</span>
          <span className={`status-chip is-${complaint.status}`}>{t(`complaint.status.${complaint.status}`)}</span>
          <span className={`severity-chip severity-${complaint.severity}`}>{t(`complaints.severity.${complaint.severity}`)}</span>
        </span>
        <span className="complaint-row-what">
          {who && <strong>{who} · </strong>}
          {labelOf(categories, complaint.subCategory ?? complaint.category, locale)}
        </span>
        <span className="complaint-row-clocks">
          {clocks ? (
            <>
              {clocks.firstResponse.stoppedAt === null && <ClockChip clock={clocks.firstResponse} show="named" />}
              <ClockChip clock={clocks.resolution} show="named" />
            </>
          ) : (
            <ClockChip clock={lead} show="named" />
          )}
        </span>
      </button>
    </li>
  );
}
