import type { AgentState, Queue, TaskChannel, TaskEvent } from '../domain/routing';
import type { ContactCounts, IntervalFigures } from '../protocol/supervisor';
import { intervalStartOf } from './day';

/**
 * Today's supervisor figures as a fold over task events (the issue: "computed
 * from task events, not ad-hoc counters"). The hub seeds it once from the
 * stored events and then applies each committed step's events, so the live
 * view never re-reads the event table. Same rules as shared/routing/
 * service-level.ts (a consistency test holds the two together): a wait starts
 * when a task enters a queue (created, transferred or overflowed in) and ends
 * when it is answered (accepted or assigned), abandoned or timed out, or
 * overflowed out; declined and missed offers do not end it. Each count goes
 * to the 15-minute interval of the event that made it (offered when the task
 * came in, answered when it was answered). Only events of today count; older
 * ones are replayed to know what is waiting or held now.
 */

/** A day's counts; `waiting` is what `waits` holds when the board is built. */
export type DayCounts = Omit<ContactCounts, 'waiting'>;

export type QueueTally = DayCounts & {
  /** Waits that ended today (answered, abandoned, timed out, overflowed out): the service level's denominator. */
  ended: number;
  /** Sum of the waits answered today, for ASA. */
  answerWaitMs: number;
  /** Tasks finished (done) today and their answer → done time, for AHT. */
  handled: number;
  handleMs: number;
  byChannel: Map<TaskChannel, DayCounts>;
};

export type AgentTally = {
  handled: number;
  handleMs: number;
  /** Tasks answered and not yet done. */
  holding: number;
  inWrapUp: boolean;
  loggedIn: boolean;
  /** Time before this is not counted (the day's start, or where the hub's knowledge of the agent begins). */
  observedFrom: number;
  /** Logged-in and occupied time are summed up to here. */
  countedTo: number;
  loggedInMs: number;
  /** Logged in and holding a task or in wrap-up. */
  occupiedMs: number;
};

export type Wait = { queueId: string; since: number; channel: TaskChannel | null };
export type Held = { agentId: string; since: number };

export type LiveFold = {
  dayStart: number;
  readonly timeZone: string;
  /** Channel of every task the fold follows (known from its created event). */
  readonly channels: Map<string, TaskChannel>;
  /** Tasks waiting in a queue now, by task id. */
  readonly waits: Map<string, Wait>;
  /** Tasks answered and not yet done, by task id. */
  readonly held: Map<string, Held>;
  readonly queues: Map<string, QueueTally>;
  /** `${queueId}|${start}` → that queue's interval. */
  readonly intervals: Map<string, IntervalFigures>;
  readonly agents: Map<string, AgentTally>;
};

export function createFold(timeZone: string, dayStart: number): LiveFold {
  return {
    dayStart,
    timeZone,
    channels: new Map(),
    waits: new Map(),
    held: new Map(),
    queues: new Map(),
    intervals: new Map(),
    agents: new Map(),
  };
}

const emptyCounts = (): DayCounts => ({ offered: 0, answered: 0, abandoned: 0, answeredInTime: 0 });

export function tallyOf(fold: LiveFold, queueId: string): QueueTally {
  let tally = fold.queues.get(queueId);
  if (!tally) {
    tally = { ...emptyCounts(), ended: 0, answerWaitMs: 0, handled: 0, handleMs: 0, byChannel: new Map() };
    fold.queues.set(queueId, tally);
  }
  return tally;
}

export function agentOf(fold: LiveFold, agentId: string): AgentTally {
  let agent = fold.agents.get(agentId);
  if (!agent) {
    // An agent the fold has not met was offline (routing's initial state) until now.
    agent = { handled: 0, handleMs: 0, holding: 0, inWrapUp: false, loggedIn: false, observedFrom: fold.dayStart, countedTo: fold.dayStart, loggedInMs: 0, occupiedMs: 0 };
    fold.agents.set(agentId, agent);
  }
  return agent;
}

/** Logged-in and occupied time of `agent` up to `at`, as the flags stood since the last change. */
export function timeUpTo(fold: LiveFold, agent: AgentTally, at: number): { loggedInMs: number; occupiedMs: number } {
  const from = Math.max(agent.countedTo, agent.observedFrom, fold.dayStart);
  const span = agent.loggedIn && at > from ? at - from : 0;
  const occupied = agent.holding > 0 || agent.inWrapUp ? span : 0;
  return { loggedInMs: agent.loggedInMs + span, occupiedMs: agent.occupiedMs + occupied };
}

function advance(fold: LiveFold, agent: AgentTally, at: number): void {
  const { loggedInMs, occupiedMs } = timeUpTo(fold, agent, at);
  agent.loggedInMs = loggedInMs;
  agent.occupiedMs = occupiedMs;
  agent.countedTo = Math.max(agent.countedTo, at);
}

type CountField = keyof DayCounts;

function count(fold: LiveFold, queueId: string, channel: TaskChannel | null, at: number, fields: readonly CountField[]): void {
  const tally = tallyOf(fold, queueId);
  let byChannel: DayCounts | undefined;
  if (channel) {
    byChannel = tally.byChannel.get(channel) ?? emptyCounts();
    tally.byChannel.set(channel, byChannel);
  }
  const interval = intervalOf(fold, queueId, at);
  for (const field of fields) {
    tally[field]++;
    if (byChannel) byChannel[field]++;
    interval[field]++;
  }
}

function intervalOf(fold: LiveFold, queueId: string, at: number): IntervalFigures {
  const start = intervalStartOf(fold.timeZone, at);
  const key = `${queueId}|${start}`;
  const interval = fold.intervals.get(key) ?? { queueId, start, ...emptyCounts(), flowedOut: 0 };
  fold.intervals.set(key, interval);
  return interval;
}

function startWait(fold: LiveFold, taskId: string, queueId: string, at: number): void {
  const channel = fold.channels.get(taskId) ?? null;
  fold.waits.set(taskId, { queueId, since: at, channel });
  if (at >= fold.dayStart) count(fold, queueId, channel, at, ['offered']);
}

function endWait(fold: LiveFold, taskId: string, at: number, outcome: 'answered' | 'abandoned' | 'left', queues: ReadonlyMap<string, Queue>): void {
  const wait = fold.waits.get(taskId);
  if (!wait) return;
  fold.waits.delete(taskId);
  if (at < fold.dayStart) return;
  const tally = tallyOf(fold, wait.queueId);
  tally.ended++;
  if (outcome === 'left') {
    // Only the chart needs it apart: the queue's service level already has it in `ended`.
    intervalOf(fold, wait.queueId, at).flowedOut++;
    return;
  }
  if (outcome === 'abandoned') {
    count(fold, wait.queueId, wait.channel, at, ['abandoned']);
    return;
  }
  const waitedMs = at - wait.since;
  tally.answerWaitMs += waitedMs;
  const thresholdMs = (queues.get(wait.queueId)?.serviceLevel.seconds ?? 0) * 1000;
  count(fold, wait.queueId, wait.channel, at, waitedMs <= thresholdMs ? ['answered', 'answeredInTime'] : ['answered']);
}

function release(fold: LiveFold, taskId: string, at: number): Held | null {
  const held = fold.held.get(taskId);
  if (!held) return null;
  fold.held.delete(taskId);
  const agent = agentOf(fold, held.agentId);
  advance(fold, agent, at);
  agent.holding = Math.max(0, agent.holding - 1);
  return held;
}

/**
 * Applies one stored task event. `queues` gives each queue's service-level
 * threshold as it is now (a threshold changed mid-day applies to later answers).
 */
export function applyTaskEvent(fold: LiveFold, event: TaskEvent, queues: ReadonlyMap<string, Queue>): void {
  switch (event.kind) {
    case 'created':
      fold.channels.set(event.taskId, event.channel);
      startWait(fold, event.taskId, event.queueId, event.at);
      return;
    case 'accepted':
    case 'assigned': {
      endWait(fold, event.taskId, event.at, 'answered', queues);
      release(fold, event.taskId, event.at);
      const agent = agentOf(fold, event.agentId);
      advance(fold, agent, event.at);
      agent.holding++;
      fold.held.set(event.taskId, { agentId: event.agentId, since: event.at });
      return;
    }
    case 'transferred':
      // The sender lets go; a colleague's offer is not a queue wait, a queue's is.
      release(fold, event.taskId, event.at);
      if (event.to.kind === 'queue') startWait(fold, event.taskId, event.to.queueId, event.at);
      return;
    case 'overflowed':
      endWait(fold, event.taskId, event.at, 'left', queues);
      startWait(fold, event.taskId, event.toQueueId, event.at);
      return;
    case 'abandoned':
    case 'timed-out':
      endWait(fold, event.taskId, event.at, 'abandoned', queues);
      fold.channels.delete(event.taskId);
      return;
    case 'done': {
      const held = release(fold, event.taskId, event.at);
      fold.channels.delete(event.taskId);
      if (!held || event.at < fold.dayStart) return;
      const handleMs = event.at - held.since;
      const tally = tallyOf(fold, event.queueId);
      tally.handled++;
      tally.handleMs += handleMs;
      const agent = agentOf(fold, held.agentId);
      agent.handled++;
      agent.handleMs += handleMs;
      return;
    }
    case 'offered':
    case 'declined':
    case 'offer-timed-out':
    case 'wrap-up':
      return;
  }
}

/** An agent's state changed (at `state.since`, or later when the fold already counted past it). */
export function applyAgentState(fold: LiveFold, agentId: string, state: AgentState): void {
  const agent = agentOf(fold, agentId);
  advance(fold, agent, state.since);
  agent.loggedIn = state.status !== 'offline';
  agent.inWrapUp = state.status === 'wrap-up';
}

/**
 * The state an agent is in as the hub starts watching. Agent states are kept
 * in memory, not as a history table: the stored state tells how long the
 * agent has been in it, and nothing earlier. So after a hub restart an
 * agent's logged-in and occupied time count from the start of their current
 * state (or the day's start); a restart mid-day is rare, and occupancy stays
 * a true share of the time it covers. Seed states before replaying events.
 */
export function seedAgentState(fold: LiveFold, agentId: string, state: AgentState): void {
  const agent = agentOf(fold, agentId);
  agent.observedFrom = Math.max(fold.dayStart, state.since);
  agent.countedTo = agent.observedFrom;
  agent.loggedIn = state.status !== 'offline';
  agent.inWrapUp = state.status === 'wrap-up';
}

/** Local midnight passed: today's counts start again; what waits or is held now carries over. */
export function rollDay(fold: LiveFold, dayStart: number): void {
  for (const agent of fold.agents.values()) {
    advance(fold, agent, dayStart);
    Object.assign(agent, { handled: 0, handleMs: 0, loggedInMs: 0, occupiedMs: 0, observedFrom: dayStart, countedTo: dayStart });
  }
  fold.queues.clear();
  fold.intervals.clear();
  fold.dayStart = dayStart;
}
