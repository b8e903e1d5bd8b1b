import type { Role } from '../../../shared/domain/user';
import type { AgentRow, IntervalFigures, SupervisorAlert, SupervisorSettings, WaitingTask } from '../../../shared/protocol/supervisor';

/** How a service level reads against its target: on target, slipping (within 10 points), or breached. */
export type SlLevel = 'none' | 'ok' | 'warn' | 'breach';

export function serviceLevelTone(percent: number | null, target: number): SlLevel {
  if (percent === null) return 'none';
  if (percent >= target) return 'ok';
  if (percent >= target - 10) return 'warn';
  return 'breach';
}

/** Whole seconds since an epoch-ms moment, for timers that tick between boards; never negative. */
export const secondsSince = (since: number, now: number): number => Math.max(0, Math.floor((now - since) / 1000));

/**
 * A wait is fine inside the service-level seconds, amber until the alert
 * threshold, red past it. Red wins: a threshold set below the service-level
 * seconds still turns the wait red when the alert is raised.
 */
export function waitTone(waitSec: number, serviceLevelSeconds: number, waitAboveSec: number): SlLevel {
  if (waitSec > waitAboveSec) return 'breach';
  if (waitSec > serviceLevelSeconds) return 'warn';
  return 'ok';
}

/** The hub's own rule, so a tile turns red exactly when the hub raises the alert. */
export { thresholdsFor } from '../../../shared/supervisor/settings';

/** What the agents table shows in its state column: "busy" is an available agent holding work. */
export type FloorStatus = 'offline' | 'available' | 'busy' | 'away' | 'wrap-up';

export function floorStatus(agent: Pick<AgentRow, 'state' | 'busy'>): FloorStatus {
  if (agent.state.status === 'available' && agent.busy) return 'busy';
  return agent.state.status;
}

/**
 * Who a waiting task can be handed to, as the hub will check it: a member of
 * the task's queue with a desktop open and signed in (away is fine, and so
 * is being full: the supervisor's pick goes past capacity).
 */
export const canBeAssigned = (agent: Pick<AgentRow, 'queueIds' | 'connected' | 'state'>, queueId: string): boolean =>
  agent.queueIds.includes(queueId) && agent.connected && agent.state.status !== 'offline';

/** Who may change an agent's skills and queues from the floor: admins, and supervisors when the centre allows it. */
export const canEditAgents = (role: Role, settings: Pick<SupervisorSettings, 'supervisorsEditAgents'>): boolean =>
  role === 'admin' || (role === 'supervisor' && settings.supervisorsEditAgents);

export const QUARTER_HOUR_MS = 15 * 60_000;

/** The chart always shows at least this much of the recent day, however quiet. */
export const MIN_CHART_QUARTERS = 8;

/** One chart's worth of quarter hours, oldest first. */
export type IntervalSeries = {
  starts: number[];
  offered: number[];
  answered: number[];
  abandoned: number[];
  /** % answered within the threshold of the waits that ended in the interval; null where none ended. */
  serviceLevel: (number | null)[];
};

/**
 * Today's 15-minute intervals up to now, for one queue or (null) all of them
 * summed. The quiet night before the day's first contact is left out (at
 * least the last two hours stay), so a 20:00 board does not squeeze the
 * day's work into the right-hand edge of the chart.
 */
export function intervalSeries(intervals: readonly IntervalFigures[], queueId: string | null, dayStart: number, now: number): IntervalSeries {
  const count = Math.max(1, Math.ceil((Math.max(now, dayStart) - dayStart + 1) / QUARTER_HOUR_MS));
  const buckets = Array.from({ length: count }, (_, i) => ({ start: dayStart + i * QUARTER_HOUR_MS, offered: 0, answered: 0, abandoned: 0, inTime: 0, flowedOut: 0 }));
  for (const interval of intervals) {
    if (queueId !== null && interval.queueId !== queueId) continue;
    const bucket = buckets[Math.floor((interval.start - dayStart) / QUARTER_HOUR_MS)];
    if (!bucket) continue;
    bucket.offered += interval.offered;
    bucket.answered += interval.answered;
    bucket.abandoned += interval.abandoned;
    bucket.inTime += interval.answeredInTime;
    bucket.flowedOut += interval.flowedOut;
  }
  const firstBusy = buckets.findIndex((bucket) => bucket.offered + bucket.answered + bucket.abandoned > 0);
  const recent = Math.max(0, count - MIN_CHART_QUARTERS);
  const shown = buckets.slice(firstBusy === -1 ? recent : Math.min(firstBusy, recent));
  return {
    starts: shown.map((bucket) => bucket.start),
    offered: shown.map((bucket) => bucket.offered),
    answered: shown.map((bucket) => bucket.answered),
    abandoned: shown.map((bucket) => bucket.abandoned),
    serviceLevel: shown.map((bucket) => {
      // The same denominator as the queue's figure: a wait that flowed out unanswered counts against it.
      const ended = bucket.answered + bucket.abandoned + bucket.flowedOut;
      return ended === 0 ? null : Math.round((bucket.inTime / ended) * 1000) / 10;
    }),
  };
}

/**
 * The alerts not yet announced, and the ids to remember. An id is announced
 * once while its condition lasts; once it clears it is forgotten, so the
 * same condition coming back later is announced again.
 */
export function freshAlerts(announced: ReadonlySet<string>, alerts: readonly SupervisorAlert[]): { fresh: SupervisorAlert[]; announced: Set<string> } {
  const fresh = alerts.filter((alert) => !announced.has(alert.id));
  return { fresh, announced: new Set(alerts.map((alert) => alert.id)) };
}

/**
 * The agents table's order: those with a desktop open first, then by name in
 * the supervisor's language, so a row stays put while states change.
 */
export function agentsInOrder<T extends Pick<AgentRow, 'connected' | 'displayName'>>(agents: readonly T[], locale: string): T[] {
  const collator = new Intl.Collator(locale);
  return [...agents].sort((a, b) => Number(b.connected) - Number(a.connected) || collator.compare(a.displayName, b.displayName));
}

/** Waiting tasks of one queue, longest wait first. */
export const waitingIn = (waiting: readonly WaitingTask[], queueId: string): WaitingTask[] =>
  waiting.filter((task) => task.queueId === queueId).sort((a, b) => a.waitingSince - b.waitingSince);

/** "85%" or "—" before anything ended. */
export const percentText = (value: number | null): string => (value === null ? '—' : `${Math.round(value)}%`);
