import type { AgentStateErrorCode, TaskTransitionError, TaskTransitionErrorCode } from '../../shared/routing';
import type { ErrorCode } from '../../shared/protocol/errors';
import { type Refusal, refuse } from '../sync/refusal';

/**
 * How a refused task event reaches the desktop. The rule: acting on work that
 * is not (or no longer) yours is `forbidden`; acting on work whose state has
 * moved on (expired offer, finished task, wrong step) is `conflict`; a queue
 * that does not exist is `not-found`; a disposition or channel the queue does
 * not allow is `invalid-payload` (the agent can fix the request).
 */
export const TASK_ERROR_CODES: Record<TaskTransitionErrorCode, ErrorCode> = {
  'not-your-offer': 'forbidden',
  'not-assigned': 'forbidden',
  'offer-expired': 'conflict',
  'wrong-task': 'conflict',
  'already-done': 'conflict',
  'invalid-transition': 'conflict',
  'offer-still-open': 'conflict',
  'already-declined': 'conflict',
  'self-transfer': 'conflict',
  'unknown-queue': 'not-found',
  'channel-not-served': 'invalid-payload',
  'disposition-required': 'invalid-payload',
  'unknown-disposition': 'invalid-payload',
};

const TASK_MESSAGES: Partial<Record<TaskTransitionErrorCode, string>> = {
  'not-your-offer': 'This task is not offered to you: it went to another agent, or your offer was withdrawn.',
  'offer-expired': 'The offer has expired; the task has gone back to its queue.',
  'not-assigned': 'This task is not in your hands.',
  'already-done': 'This task is already finished.',
};

const FIELD_OF: Partial<Record<TaskTransitionErrorCode, string>> = {
  'disposition-required': 'disposition',
  'unknown-disposition': 'disposition',
  'channel-not-served': 'queueId',
};

export function taskRefusal(error: TaskTransitionError): Refusal {
  const message = TASK_MESSAGES[error.code] ?? `The task cannot do that: ${error.message}.`;
  const field = FIELD_OF[error.code];
  return refuse(TASK_ERROR_CODES[error.code], message, field ? { issues: [{ path: field, message: error.message }] } : undefined);
}

export const AGENT_STATE_ERROR_CODES: Record<AgentStateErrorCode, ErrorCode> = {
  'unknown-reason': 'invalid-payload',
  'invalid-transition': 'conflict',
};

export function agentStateRefusal(error: { code: AgentStateErrorCode; message: string }): Refusal {
  return refuse(
    AGENT_STATE_ERROR_CODES[error.code],
    `Your state cannot change: ${error.message}.`,
    error.code === 'unknown-reason' ? { issues: [{ path: 'reasonCode', message: error.message }] } : undefined,
  );
}
