import type { Queue, Task, TaskEvent, TaskEventOf } from '../domain/routing';

/**
 * A task's life as a pure state machine. The hub stores each event, then
 * applies it; a refused event is not stored, and its code goes back to
 * whoever asked (an agent accepting too late gets `offer-expired`).
 * Capacity is not checked here: it is the router's and the hub's concern.
 */

export type TaskTransitionErrorCode =
  /** The event names another task, or the task's queue as it was. */
  | 'wrong-task'
  /** done, abandoned or timed out: nothing more happens to it. */
  | 'already-done'
  | 'invalid-transition'
  /** Accept, decline or time-out of an offer this agent does not hold (now). */
  | 'not-your-offer'
  | 'offer-expired'
  /** An offer timed out before its time. */
  | 'offer-still-open'
  /** Offered again to an agent who declined or missed it. */
  | 'already-declined'
  /** Wrap-up, done or transfer by someone not holding the task in that step. */
  | 'not-assigned'
  | 'self-transfer'
  | 'unknown-queue'
  | 'channel-not-served'
  | 'disposition-required'
  | 'unknown-disposition';

export type TaskTransitionError = { code: TaskTransitionErrorCode; message: string };
export type TaskTransitionResult = { ok: true; task: Task } | { ok: false; error: TaskTransitionError };

const refuse = (code: TaskTransitionErrorCode, message: string): TaskTransitionResult => ({ ok: false, error: { code, message } });
const to = (task: Task): TaskTransitionResult => ({ ok: true, task });
const noOffer = { offeredTo: null, offerExpiresAt: null } as const;
const withAgent = (list: readonly string[], agentId: string) => (list.includes(agentId) ? [...list] : [...list, agentId]);

/** A new task, queued from this moment. */
export function taskFromCreated(event: TaskEventOf<'created'>): Task {
  return {
    id: event.taskId,
    channel: event.channel,
    queueId: event.queueId,
    priority: event.priority,
    customerId: event.customerId,
    customerTier: event.customerTier,
    requiredSkills: event.requiredSkills,
    createdAt: event.at,
    queuedAt: event.at,
    status: 'queued',
    ...noOffer,
    assignedTo: null,
    preferredAgentId: event.preferredAgentId,
    declinedBy: [],
    disposition: null,
  };
}

/** @param queues every queue by id: transfer and overflow targets, and the dispositions of the task's queue. */
export function applyTaskEvent(task: Task, event: TaskEvent, queues: ReadonlyMap<string, Queue>): TaskTransitionResult {
  if (event.taskId !== task.id || event.queueId !== task.queueId) {
    return refuse('wrong-task', `the event is for task ${event.taskId} in queue ${event.queueId}`);
  }
  if (task.status === 'done' || task.status === 'abandoned' || task.status === 'timed-out') {
    return refuse('already-done', `the task is ${task.status}`);
  }
  switch (event.kind) {
    case 'created':
      return refuse('invalid-transition', 'the task already exists');
    case 'offered':
      if (task.status !== 'queued') return refuse('invalid-transition', `cannot offer a task that is ${task.status}`);
      if (task.declinedBy.includes(event.agentId)) return refuse('already-declined', 'the agent declined or missed this task');
      if (event.expiresAt <= event.at) return refuse('invalid-transition', 'the offer expires before it is made');
      return to({ ...task, status: 'offered', offeredTo: event.agentId, offerExpiresAt: event.expiresAt });
    case 'accepted':
    case 'declined': {
      const refused = checkOffer(task, event.agentId);
      if (refused) return refused;
      if (event.at >= (task.offerExpiresAt ?? 0)) return refuse('offer-expired', 'the offer has expired');
      return event.kind === 'accepted'
        ? to({ ...task, status: 'assigned', ...noOffer, assignedTo: event.agentId })
        : to({ ...task, status: 'queued', ...noOffer, declinedBy: withAgent(task.declinedBy, event.agentId) });
    }
    case 'offer-timed-out': {
      const refused = checkOffer(task, event.agentId);
      if (refused) return refused;
      if (event.at < (task.offerExpiresAt ?? 0)) return refuse('offer-still-open', 'the offer has not expired yet');
      // A miss is a "no" for this task; the hub also counts it against the agent (afterMissedOffer).
      return to({ ...task, status: 'queued', ...noOffer, declinedBy: withAgent(task.declinedBy, event.agentId) });
    }
    case 'assigned':
      if (task.status !== 'queued' && task.status !== 'offered') {
        return refuse('invalid-transition', `cannot assign a task that is ${task.status}`);
      }
      if (event.reason === 'auto-accept' && task.status === 'offered' && task.offeredTo !== event.agentId) {
        return refuse('not-your-offer', 'the task is offered to another agent');
      }
      // A supervisor's assignment withdraws any pending offer.
      return to({ ...task, status: 'assigned', ...noOffer, assignedTo: event.agentId });
    case 'transferred':
      return transfer(task, event, queues);
    case 'wrap-up':
      if (task.status !== 'assigned' || task.assignedTo !== event.agentId) return refuse('not-assigned', 'the task is not in your hands');
      return to({ ...task, status: 'wrap-up' });
    case 'done':
      return finish(task, event, queues);
    case 'abandoned':
      // A customer leaving mid-conversation is a normal end (wrap-up), not an abandon.
      if (task.status !== 'queued' && task.status !== 'offered') {
        return refuse('invalid-transition', `a task that is ${task.status} cannot be abandoned`);
      }
      return to({ ...task, status: 'abandoned', ...noOffer });
    case 'overflowed': {
      // An offered task waits for its offer to end: the agent may yet answer.
      if (task.status !== 'queued') return refuse('invalid-transition', `cannot overflow a task that is ${task.status}`);
      if (event.toQueueId === task.queueId) return refuse('invalid-transition', 'the task is already in that queue');
      const refused = checkQueue(task, event.toQueueId, queues);
      if (refused) return refused;
      return to({ ...task, queueId: event.toQueueId, queuedAt: event.at });
    }
    case 'timed-out':
      if (task.status !== 'queued') return refuse('invalid-transition', `cannot time out a task that is ${task.status}`);
      return to({ ...task, status: 'timed-out' });
  }
}

function checkOffer(task: Task, agentId: string): TaskTransitionResult | null {
  return task.status === 'offered' && task.offeredTo === agentId
    ? null
    : refuse('not-your-offer', 'this offer is no longer yours');
}

function checkQueue(task: Task, queueId: string, queues: ReadonlyMap<string, Queue>): TaskTransitionResult | null {
  const queue = queues.get(queueId);
  if (!queue) return refuse('unknown-queue', `there is no queue ${queueId}`);
  if (!queue.channels.includes(task.channel)) return refuse('channel-not-served', `${queue.name} does not take ${task.channel}`);
  return null;
}

function transfer(task: Task, event: TaskEventOf<'transferred'>, queues: ReadonlyMap<string, Queue>): TaskTransitionResult {
  if (task.status !== 'assigned' || task.assignedTo !== event.agentId) return refuse('not-assigned', 'only the agent holding a task can transfer it');
  // The sender is done with it: should the receiver say no, it must not bounce back to them.
  const declinedBy = withAgent(task.declinedBy, event.agentId);
  if (event.to.kind === 'queue') {
    const refused = checkQueue(task, event.to.queueId, queues);
    if (refused) return refused;
    return to({ ...task, status: 'queued', queueId: event.to.queueId, queuedAt: event.at, assignedTo: null, declinedBy });
  }
  const receiver = event.to.agentId;
  if (receiver === event.agentId) return refuse('self-transfer', 'the task is already yours');
  if (event.to.expiresAt <= event.at) return refuse('invalid-transition', 'the offer expires before it is made');
  // A colleague asked for by name gets the offer even if they once declined it in the queue.
  return to({
    ...task,
    status: 'offered',
    offeredTo: receiver,
    offerExpiresAt: event.to.expiresAt,
    assignedTo: null,
    declinedBy: declinedBy.filter((id) => id !== receiver),
  });
}

function finish(task: Task, event: TaskEventOf<'done'>, queues: ReadonlyMap<string, Queue>): TaskTransitionResult {
  if (task.status !== 'wrap-up' || task.assignedTo !== event.agentId) return refuse('not-assigned', 'the task is not in wrap-up with you');
  const queue = queues.get(task.queueId);
  if (!queue) return refuse('unknown-queue', `there is no queue ${task.queueId}`);
  if (event.disposition === null) {
    if (queue.dispositions.length > 0) return refuse('disposition-required', `${queue.name} needs a disposition`);
  } else if (!queue.dispositions.includes(event.disposition)) {
    return refuse('unknown-disposition', `"${event.disposition}" is not a disposition of ${queue.name}`);
  }
  return to({ ...task, status: 'done', disposition: event.disposition });
}
