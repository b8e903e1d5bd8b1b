import { DEFAULT_ALERT_THRESHOLDS, type QueueAlertThresholds, type SupervisorSettings } from '../protocol/supervisor';

/**
 * Until someone saves settings: default thresholds for every queue, and
 * supervisors may edit agents (running the floor is their job; an
 * administrator can take it back).
 */
export const DEFAULT_SUPERVISOR_SETTINGS: SupervisorSettings = { thresholds: {}, supervisorsEditAgents: true };

export function thresholdsFor(settings: SupervisorSettings, queueId: string): QueueAlertThresholds {
  return Object.hasOwn(settings.thresholds, queueId) ? (settings.thresholds[queueId] ?? DEFAULT_ALERT_THRESHOLDS) : DEFAULT_ALERT_THRESHOLDS;
}
