import { useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { getPlatform } from '../../platform/platform';

/** Whether the browser still has to be asked; Electron shows notifications without asking. */
const mustAsk = () => getPlatform().kind === 'web' && typeof Notification !== 'undefined' && Notification.permission === 'default';

/**
 * In a browser, alerts reach the desktop only once the supervisor allows it,
 * and browsers only ask after a click: this is that click. Gone once answered.
 */
export function DesktopAlertsButton() {
  const t = useT();
  const [ask, setAsk] = useState(mustAsk);
  if (!ask) return null;
  return (
    <button
      type="button"
      className="button ghost"
      title={t('supervisor.notify.enableHint')}
      onClick={() => void Notification.requestPermission().then(() => setAsk(mustAsk()))}
      data-testid="desktop-alerts"
    >
      {t('supervisor.notify.enable')}
    </button>
  );
}
