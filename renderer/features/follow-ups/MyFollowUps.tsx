import { valueOr } from '../../db/live';
import { useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import type { FollowUp } from '../../../shared/follow-ups/follow-up';
import { FollowUpRow } from './FollowUpRow';
import { groupFollowUps } from './follow-up-logic';
import { useFollowUpUi } from './follow-up-ui';
import { useDueClock, useFollowUpReminders } from './use-reminders';
import { useCustomerNames, useMe, useMyOpenFollowUps } from './use-follow-ups';
import './follow-ups.css';

const EMPTY: FollowUp[] = [];

/** The reminder cards: one per follow-up that fell due, until the agent opens the customer or dismisses it. */
function Reminders({ mine, names }: { mine: readonly FollowUp[]; names: ReadonlyMap<string, string> }) {
  const t = useT();
  const ids = useFollowUpUi((state) => state.reminders);
  const showing = ids.flatMap((id) => mine.filter((f) => f.id === id));
  if (showing.length === 0) return null;
  return (
    <div className="follow-up-reminders">
      {showing.map((followUp) => (
        <div key={followUp.id} className="follow-up-reminder" role="alert" data-testid="follow-up-reminder">
          <strong>{t('followUps.reminder.title')}</strong>
          <span>{t('followUps.reminder.body', { kind: t(`followUp.kind.${followUp.kind}`), customer: names.get(followUp.customerId) ?? '' })}</span>
          <div className="row-end">
            <button type="button" className="button ghost small" onClick={() => useFollowUpUi.getState().dismiss(followUp.id)}>
              {t('followUps.reminder.dismiss')}
            </button>
            <button
              type="button"
              className="button primary small"
              onClick={() => {
                useWorkspace.getState().openCustomer(followUp.customerId);
                useFollowUpUi.getState().dismiss(followUp.id);
              }}
              data-testid="follow-up-reminder-open"
            >
              {t('followUps.reminder.open')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

/**
 * The sidebar's "My follow-ups": overdue first (in red), then due today, then
 * upcoming, from the cache (offline too). It also keeps the reminders running for the session.
 */
export function MyFollowUps() {
  const t = useT();
  const me = useMe();
  const mine = valueOr(useMyOpenFollowUps(me), EMPTY);
  const names = valueOr(useCustomerNames(mine.map((f) => f.customerId)), new Map<string, string>());
  const now = useDueClock(mine);
  useFollowUpReminders(mine, names, now);
  const groups = groupFollowUps(mine, now);
  const sections = [
    ['overdue', groups.overdue],
    ['today', groups.today],
    ['upcoming', groups.upcoming],
  ] as const;
  return (
    <section className="list-section my-follow-ups" aria-label={t('followUps.mine')} data-testid="my-follow-ups">
      <h2 className="section-title">
        {t('followUps.mine')} <span className="count">{mine.length}</span>
      </h2>
      <Reminders mine={mine} names={names} />
      {mine.length === 0 ? (
        <p className="empty">{t('followUps.mineEmpty')}</p>
      ) : (
        sections.map(([group, list]) =>
          list.length === 0 ? null : (
            <div key={group} className={`follow-up-group is-${group}`} data-testid={`follow-ups-${group}`}>
              <h3 className="follow-up-group-title">
                {t(`followUps.group.${group}`)} <span className="count">{list.length}</span>
              </h3>
              <ul className="follow-up-list">
                {list.map((followUp) => (
                  <FollowUpRow key={followUp.id} followUp={followUp} customerName={names.get(followUp.customerId)} now={now} showCustomer />
                ))}
              </ul>
            </div>
          ),
        )
      )}
    </section>
  );
}
