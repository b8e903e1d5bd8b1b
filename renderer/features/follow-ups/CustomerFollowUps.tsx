import { valueOr } from '../../db/live';
import { useT } from '../../i18n/locale-store';
import type { FollowUp } from '../../../shared/follow-ups/follow-up';
import { FollowUpRow } from './FollowUpRow';
import { useFollowUpUi } from './follow-up-ui';
import { useDueClock } from './use-reminders';
import { useCustomerFollowUps } from './use-follow-ups';
import './follow-ups.css';

const EMPTY: FollowUp[] = [];

/** The customer's open follow-ups on the 360's profile panel; "Schedule follow-up" opens the form above the timeline. */
export function CustomerFollowUps({ customerId }: { customerId: string }) {
  const t = useT();
  const open = valueOr(useCustomerFollowUps(customerId), EMPTY);
  const now = useDueClock(open);
  return (
    <section className="panel-section" aria-label={t('followUps.forCustomer')} data-testid="customer-follow-ups">
      <div className="panel-head">
        <h3 className="section-title">{t('followUps.forCustomer')}</h3>
        <button type="button" className="button small" onClick={() => useFollowUpUi.getState().startScheduling(customerId)} data-testid="follow-up-schedule">
          {t('followUps.schedule.open')}
        </button>
      </div>
      {open.length === 0 ? (
        <p className="muted">{t('followUps.noneForCustomer')}</p>
      ) : (
        <ul className="follow-up-list">
          {open.map((followUp) => (
            <FollowUpRow key={followUp.id} followUp={followUp} now={now} showCustomer={false} />
          ))}
        </ul>
      )}
    </section>
  );
}
