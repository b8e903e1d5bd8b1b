import type { VoiceRouteAnswer } from '../../shared/protocol/voice';
import type { TaskView } from '../../shared/protocol/routing';
import type { VoiceCall } from '../db/voice-queries';

/** The settings a route answer needs. */
export type RingTiming = { ringSec: number; waitRetrySec: number };

/**
 * What Kamailio should do for a queue call, from its task as routing left
 * it: ring the agent it is offered to (no longer than the offer lasts, so
 * the phone stops when routing moves on), keep the caller waiting while it
 * is queued, release a caller who waited past max wait. `ringing` is the
 * offered agent's username (null when the user is gone). Pure.
 */
export function answerForTask(task: TaskView, call: VoiceCall, ringing: string | null, timing: RingTiming, now: number): VoiceRouteAnswer {
  const wait: VoiceRouteAnswer = { action: 'wait', retryAfterSec: timing.waitRetrySec, taskId: task.id };
  switch (task.status) {
    case 'queued':
      return wait;
    case 'offered': {
      const left = Math.ceil(((task.offerExpiresAt ?? now) - now) / 1000);
      // An offer already run out is the sweep's to end; the caller waits for the next agent.
      if (!task.offeredTo || ringing === null || left <= 0) return wait;
      return { action: 'ring', user: ringing, agentId: task.offeredTo, taskId: task.id, timeoutSec: Math.min(timing.ringSec, left) };
    }
    case 'assigned':
      // Given to an agent without an offer (auto-accept, a supervisor's hand): their phone rings until they pick up.
      if (call.answeredAt === null && task.assignedTo && ringing !== null) {
        return { action: 'ring', user: ringing, agentId: task.assignedTo, taskId: task.id, timeoutSec: timing.ringSec };
      }
      return { action: 'reject', status: 480, reason: 'the call is already assigned' };
    case 'timed-out':
      return {
        action: 'release',
        taskId: task.id,
        reason: call.callbackTaskId ? 'max wait reached: a callback task was opened' : 'max wait reached: no number to call back',
      };
    default:
      // Answered, finished or abandoned: this Call-ID is not waiting for anyone any more.
      return { action: 'reject', status: 480, reason: `the call is already ${task.status}` };
  }
}

/** A direct call to an agent's extension: ring while their softphone is registered. Pure. */
export function answerForDirect(call: VoiceCall, username: string, registered: boolean, ringSec: number): VoiceRouteAnswer {
  if (call.endedAt !== null) return { action: 'reject', status: 480, reason: 'the call has ended' };
  if (!registered || call.agentId === null) return { action: 'reject', status: 480, reason: `${username} is not reachable by phone now` };
  return { action: 'ring', user: username, agentId: call.agentId, taskId: null, timeoutSec: ringSec };
}
