import { useEffect, useRef } from 'react';
import type { SupervisorAlert } from '../../../shared/protocol/supervisor';
import { useLocale } from '../../i18n/locale-store';
import { translate } from '../../i18n/translate';
import { getPlatform } from '../../platform/platform';
import { alertText, type AlertNames } from './alert-text';
import { freshAlerts } from './board-logic';

/** One desktop notification per alert while its condition lasts, however many boards repeat it. */
export function useAlertNotifications(alerts: readonly SupervisorAlert[] | undefined, names: AlertNames): void {
  const announced = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!alerts) return;
    const { fresh, announced: next } = freshAlerts(announced.current, alerts);
    announced.current = next;
    const locale = useLocale.getState().locale;
    const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, key, params);
    for (const alert of fresh) getPlatform().notify(t('supervisor.alert.notifyTitle'), alertText(t, alert, names));
  }, [alerts, names]);
}
