import { useT } from '../../i18n/locale-store';
import { alertText } from './alert-text';
import { useSupervisor } from './supervisor-context';

/** The alerts standing now, above every tab: what needs the supervisor's eye first. */
export function AlertsStrip() {
  const t = useT();
  const { board, queueName, agentName } = useSupervisor();
  if (board.alerts.length === 0) return null;
  return (
    <ul className="supervisor-alerts" aria-label={t('supervisor.alert.region')}>
      {board.alerts.map((alert) => (
        <li key={alert.id} className={`supervisor-alert is-${alert.kind}`} role="alert" data-testid="supervisor-alert" data-kind={alert.kind}>
          <span className="supervisor-alert-kind">{t(`supervisor.alert.kind.${alert.kind}`)}</span>
          <span>{alertText(t, alert, { queueName, agentName })}</span>
        </li>
      ))}
    </ul>
  );
}
