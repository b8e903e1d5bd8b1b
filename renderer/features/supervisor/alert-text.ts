import type { SupervisorAlert } from '../../../shared/protocol/supervisor';
import { formatDuration } from '../../i18n/format';
import type { Translate } from '../../i18n/translate';

export type AlertNames = { queueName: (queueId: string) => string; agentName: (agentId: string) => string };

/** One line a supervisor can act on: who or which queue, the measured value and the threshold it crossed. */
export function alertText(t: Translate, alert: SupervisorAlert, names: AlertNames): string {
  const queue = alert.queueId ? names.queueName(alert.queueId) : '';
  switch (alert.kind) {
    case 'service-level':
      return t('supervisor.alert.serviceLevel', { queue, value: Math.round(alert.value), threshold: Math.round(alert.threshold) });
    case 'long-wait':
      return t('supervisor.alert.longWait', { queue, value: formatDuration(alert.value), threshold: formatDuration(alert.threshold) });
    case 'agent-state':
      return t('supervisor.alert.agentState', {
        agent: alert.agentId ? names.agentName(alert.agentId) : '',
        value: formatDuration(alert.value),
        threshold: formatDuration(alert.threshold),
      });
  }
}
