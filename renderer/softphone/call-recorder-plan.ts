import type { ErrorCode } from '../../shared/protocol/errors';
import type { Call, PhoneState } from './call-state';

/**
 * Which calls to start recording and which recordings to end, from the
 * phone's state: the caller's call once it is connected (a consult leg is
 * the agent's own business and is not recorded), ended once it is gone.
 */
export function recordingChanges(tracked: ReadonlySet<string>, state: PhoneState): { start: Call[]; end: string[] } {
  const live = state.call?.phase === 'connected' ? state.call : null;
  return {
    start: live && !tracked.has(live.id) ? [live] : [],
    end: [...tracked].filter((id) => id !== state.call?.id),
  };
}

/** What to do with a recording after one upload attempt. */
export type UploadOutcome = 'filed' | 'refused' | 'retry';

/**
 * The hub's answer to an upload: filed (delete the local copy), refused for
 * good (keep it, marked, never re-sent: it would be refused again), or worth
 * another try later (offline, the hub restarting, the session being renewed).
 */
export function uploadOutcome(answer: { status: number; code: ErrorCode | null } | 'network'): UploadOutcome {
  if (answer === 'network') return 'retry';
  if (answer.status >= 200 && answer.status < 300) return 'filed';
  if (answer.code === 'token-expired' || answer.code === 'token-invalid' || answer.code === 'rate-limited' || answer.code === 'internal') return 'retry';
  if (answer.status >= 500 || answer.code === null) return 'retry';
  return 'refused';
}
