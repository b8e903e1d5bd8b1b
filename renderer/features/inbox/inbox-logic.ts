import type { AgentState, Queue } from '../../../shared/domain/routing';
import type { TaskView } from '../../../shared/protocol/routing';
import { formatDuration } from '../../i18n/format';

/** Green within the service level, amber until max wait, red past it. */
export type SlaLevel = 'ok' | 'warn' | 'breach';

export function slaLevel(waitSec: number, queue: Pick<Queue, 'serviceLevel' | 'maxWaitSec'> | undefined): SlaLevel {
  if (!queue) return 'ok';
  if (waitSec < queue.serviceLevel.seconds) return 'ok';
  if (waitSec < queue.maxWaitSec) return 'warn';
  return 'breach';
}

/**
 * The seconds a task's SLA is judged on: the wait in its current queue, live
 * while it rings, frozen at the moment it was answered once it is mine.
 */
export function slaWaitSec(task: Pick<TaskView, 'status' | 'queuedAt'>, statusSince: number | undefined, now: number): number {
  const end = task.status === 'offered' ? now : (statusSince ?? now);
  return Math.max(0, Math.floor((end - task.queuedAt) / 1000));
}

/** The timer a row shows: the customer's wait while offered, the handle (or wrap-up) time after. */
export function taskTimerSec(task: Pick<TaskView, 'status' | 'createdAt'>, statusSince: number | undefined, now: number): number {
  const from = task.status === 'offered' ? task.createdAt : (statusSince ?? now);
  return Math.max(0, Math.floor((now - from) / 1000));
}

/** Whole seconds left before `expiresAt`, never negative. */
export const secondsLeft = (expiresAt: number, now: number): number => Math.max(0, Math.ceil((expiresAt - now) / 1000));

/** "0:07" countdowns and "12:03" timers, as a call-centre reads them. */
export const formatTimer = (seconds: number): string => formatDuration(seconds);

/** The choice an agent makes in the state control, as one string for a <select>. */
export type StateChoice = 'available' | 'offline' | `away:${string}`;

export function stateChoice(state: AgentState | null): StateChoice | 'wrap-up' | '' {
  if (!state) return '';
  if (state.status === 'away') return `away:${state.reasonCode}`;
  return state.status;
}

export type SetStateRequest = { status: 'available' } | { status: 'offline' } | { status: 'away'; reasonCode: string };

export function requestForChoice(choice: string): SetStateRequest | null {
  if (choice === 'available' || choice === 'offline') return { status: choice };
  if (choice.startsWith('away:') && choice.length > 5) return { status: 'away', reasonCode: choice.slice(5) };
  return null;
}

export type Shortcut = 'accept' | 'decline' | 'wrapup';

/**
 * Alt+A / Alt+D / Alt+W, by physical key (`code`), so they work whatever the
 * keyboard layout and on a Mac, where Option+A types "å".
 */
export function shortcutFor(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): Shortcut | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  switch (event.code) {
    case 'KeyA':
      return 'accept';
    case 'KeyD':
      return 'decline';
    case 'KeyW':
      return 'wrapup';
    default:
      return null;
  }
}

/** Tasks as the inbox lists them: ringing first, then work in hand, then wrap-up; oldest first within each. */
export function inboxOrder(tasks: readonly TaskView[]): TaskView[] {
  const rank = { offered: 0, assigned: 1, 'wrap-up': 2 } as Record<string, number>;
  return [...tasks].sort((a, b) => (rank[a.status] ?? 3) - (rank[b.status] ?? 3) || a.createdAt - b.createdAt);
}
