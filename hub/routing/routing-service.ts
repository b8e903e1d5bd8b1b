import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import type { InteractionOf } from '../../shared/domain/interaction';
import { type AgentProfile, type AgentState, LIVE_CHANNELS, type Queue, TASK_CHANNELS, type TaskChannel, type TaskEvent } from '../../shared/domain/routing';
import type { RoutingSettings } from '../../shared/protocol/admin';
import type { User } from '../../shared/domain/user';
import type { Change } from '../../shared/protocol/changes';
import type { AgentDesk, AgentDirectory, SetAgentState, TaskView } from '../../shared/protocol/routing';
import {
  type AgentRuntime,
  type AgentStateRequest,
  afterMissedOffer,
  applyTaskEvent,
  changeAgentState,
  isOpen,
  mayReceiveOffers,
  overflowCycle,
  queueTimeouts,
  routeTasks,
  taskFromCreated,
  tickAgentState,
} from '../../shared/routing';
import type { Clock } from '../clock';
import type { Presence } from '../cluster/presence';
import { appendChanges, type ChangeDraft } from '../db/change-log';
import { findCustomer } from '../db/customer-queries';
import { insertInteractions } from '../db/interaction-queries';
import {
  findProfile,
  initialAgentState,
  insertTaskEvents,
  listAgentStates,
  listOpenTasks,
  listProfiles,
  listQueues,
  type StoredAgentState,
  saveAgentState,
  saveProfile,
  saveQueue,
  saveTask,
  findTask as storedTask,
} from '../db/routing-queries';
import type { Database } from '../db/schema';
import { readRoutingSettings, saveRoutingSettings } from '../db/settings-queries';
import { findUser, listUsers } from '../db/user-queries';
import type { WriteQueue } from '../db/write-queue';
import { newId } from '../ids';
import type { Logger } from '../log';
import { type HubServer, userRoom } from '../socket/hub-socket';
import { refuse } from '../sync/refusal';
import { buildDirectory } from './directory';
import { commitToSnapshot, isFinal, loadRoutingSnapshot, type RoutingSnapshot } from './routing-cache';
import { agentStateRefusal, taskRefusal } from './errors';

/**
 * An agent whose last desktop disconnected keeps their state this long: a
 * reload or a network blip reconnects within seconds, and flipping them
 * offline would reset their time in state and idle order. Their pending
 * offers are withdrawn at once (nobody is there to answer), their assigned
 * tasks stay theirs. Routing never offers work to an agent with no desktop.
 */
export const OFFLINE_GRACE_MS = 30_000;
/** After-call work on a call or video before the agent is offered more. */
export const CALL_WRAP_UP_SEC = 15;
/** How often the hub sweeps offer expiries, wrap-up timers and queue timeouts. */
export const SWEEP_INTERVAL_MS = 2_000;


export type RoutingDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  io: HubServer;
  /** Change-log broadcast (the same as mutations use), called after commit inside the write queue. */
  broadcast: (changes: Change[]) => void;
  log: Logger;
  /** Whose desktops are connected, on every hub node. */
  presence: Presence;
  /**
   * Whether an agent can take a channel at all right now, beyond having a
   * desktop: a call or video rings the agent's softphone, so an agent whose
   * phone is not registered must not be offered one (the voice channel says).
   * Absent: every channel is open to every connected agent.
   */
  channelGate?: (userId: string, channel: TaskChannel) => boolean;
};

/** A new task as a channel (or a supervisor) opens it. */
export type NewTask = {
  channel: TaskChannel;
  queueId: string;
  customerId: string | null;
  priority: number;
  subject: string;
  /** Offered to this agent first when they are free (a customer texting again after their conversation ended). */
  preferredAgentId?: string | null;
};

/**
 * What a channel sees of one routing step, inside its transaction: it can
 * write its own rows, open tasks and move them, add change-log entries, and
 * leave announcements for after the commit. Work a channel does here commits
 * or rolls back together with the routing it causes.
 */
export type StepContext = {
  readonly trx: Trx;
  readonly now: number;
  readonly queues: ReadonlyMap<string, Queue>;
  /** Opens a task in this step; one opened in an action is routed in the same step. */
  openTask(request: NewTask): Promise<TaskView>;
  /** The task as this step sees it (its changes so far included), or null. */
  task(taskId: string): Promise<TaskView | null>;
  /** Moves a task through the lifecycle; a refused event throws the matching refusal. */
  apply(task: TaskView, event: TaskEvent): TaskView;
  /**
   * Writes a task changed outside its lifecycle (a new subject, the customer
   * it was linked to), with no event. Tasks are written only through steps:
   * routing keeps the open ones in memory (routing-cache.ts).
   */
  rewrite(task: TaskView): void;
  /** Every task open as this step sees it, from memory (a channel deciding whether anything of its own waits). */
  openTasks(): readonly TaskView[];
  /** Change-log entries committed with the step and broadcast after it. */
  readonly drafts: ChangeDraft[];
  afterCommit(announce: () => void): void;
};

/**
 * Called in every step after the routing pass with the task events the step
 * applied, so a channel can follow its tasks (a chat told that an agent
 * joined, a transcript written when it ends, a follow-up after max wait).
 */
export type TaskObserver = (ctx: StepContext, events: readonly TaskEvent[]) => Promise<void>;

/**
 * Which tasks' events an observer is handed: those of its own channels, or
 * 'all'. A channel that follows only its own tasks names them, so a call's
 * steps do not look for a chat conversation or an SMS thread that cannot exist.
 */
export type ObservedChannels = readonly TaskChannel[] | 'all';

/**
 * A channel whose timeline item carries the wrap-up itself (a call's
 * interaction with its disposition and notes): called in the wrap-up's step
 * with the finished task; true when it wrote the item, and then no separate
 * note is written.
 */
export type WrapUpWriter = (ctx: StepContext, task: TaskView, wrapUp: { agentId: string; disposition: string | null; note: string }) => Promise<boolean>;

export type RoutingService = ReturnType<typeof createRoutingService>;

/**
 * One committed step as the supervisor's live view follows it: the task
 * events it stored, the agents whose state it changed, and routing's
 * in-memory view as the commit left it (read it at once; later steps move it on).
 */
export type CommittedStep = {
  now: number;
  events: readonly TaskEvent[];
  states: ReadonlyMap<string, AgentState>;
  view: RoutingView;
};
export type RoutingView = {
  readonly queues: ReadonlyMap<string, Queue>;
  readonly profiles: ReadonlyMap<string, AgentProfile>;
  readonly settings: RoutingSettings;
  readonly states: ReadonlyMap<string, StoredAgentState>;
  readonly openTasks: ReadonlyMap<string, TaskView>;
};

type Trx = Transaction<Database>;

/**
 * Everything one serialized step changes: tasks, their events, agent states,
 * change-log drafts; persisted in one transaction, announced after commit.
 */
class Step {
  readonly events: TaskEvent[] = [];
  readonly tasks = new Map<string, TaskView>();
  readonly states = new Map<string, StoredAgentState>();
  readonly changedStates = new Set<string>();
  readonly affected = new Map<string, Set<string>>();
  readonly offered = new Set<string>();
  readonly drafts: ChangeDraft[] = [];
  readonly announcements: (() => void)[] = [];
  /** Profiles saved in this step, over the snapshot's. */
  readonly profiles = new Map<string, AgentProfile>();
  /** Queues saved in this step, over the snapshot's (`queues` shows both). */
  readonly savedQueues = new Map<string, Queue>();

  constructor(
    readonly trx: Trx,
    readonly now: number,
    readonly queues: Map<string, Queue>,
    private readonly baseStates: ReadonlyMap<string, StoredAgentState>,
    public settings: RoutingSettings,
    private readonly baseProfiles: ReadonlyMap<string, AgentProfile>,
    private readonly baseOpenTasks: ReadonlyMap<string, TaskView>,
  ) {}

  /** An open task as this step sees it (its changes so far included), without a read; null for one not open at the step's start. */
  openTask(taskId: string): TaskView | null {
    return this.tasks.get(taskId) ?? this.baseOpenTasks.get(taskId) ?? null;
  }

  /** Every task open as this step sees it. */
  openTasks(): TaskView[] {
    const open = [...this.tasks.values()].filter((task) => !isFinal(task.status));
    for (const [taskId, task] of this.baseOpenTasks) if (!this.tasks.has(taskId)) open.push(task);
    return open;
  }

  /** Writes the task with the step and tells whoever holds it. */
  rewrite(task: TaskView): void {
    this.tasks.set(task.id, task);
    const who = this.affected.get(task.id) ?? new Set<string>();
    for (const id of [task.offeredTo, task.assignedTo]) if (id) who.add(id);
    this.affected.set(task.id, who);
  }

  profile(userId: string): AgentProfile | null {
    return this.profiles.get(userId) ?? this.baseProfiles.get(userId) ?? null;
  }

  /** Every agent profile as this step sees it. */
  *allProfiles(): Iterable<AgentProfile> {
    for (const [userId, profile] of this.baseProfiles) yield this.profiles.get(userId) ?? profile;
    for (const [userId, profile] of this.profiles) if (!this.baseProfiles.has(userId)) yield profile;
  }

  /** Every agent routing has a state for (the snapshot's and this step's). */
  stateHolders(): Set<string> {
    return new Set([...this.baseStates.keys(), ...this.states.keys()]);
  }

  get awayCodes(): string[] {
    return this.settings.awayReasons.map((reason) => reason.code);
  }

  /** Applies a task event through the pure lifecycle; a refusal becomes the ack's error. */
  apply(task: TaskView, event: TaskEvent): TaskView {
    const result = applyTaskEvent(task, event, this.queues);
    if (!result.ok) throw taskRefusal(result.error);
    const next: TaskView = { ...result.task, subject: task.subject };
    this.events.push(event);
    this.tasks.set(next.id, next);
    const who = this.affected.get(next.id) ?? new Set<string>();
    for (const id of [task.offeredTo, task.assignedTo, next.offeredTo, next.assignedTo]) if (id) who.add(id);
    this.affected.set(next.id, who);
    if (next.status === 'offered' && (task.status !== 'offered' || task.offeredTo !== next.offeredTo)) this.offered.add(next.id);
    return next;
  }

  state(userId: string): StoredAgentState {
    return this.states.get(userId) ?? this.baseStates.get(userId) ?? initialAgentState();
  }

  setState(userId: string, next: StoredAgentState): void {
    const before = this.state(userId);
    this.states.set(userId, next);
    if (before.state !== next.state) this.changedStates.add(userId);
  }
}

export function createRoutingService(deps: RoutingDeps) {
  const { db, writeQueue, clock, io, log } = deps;
  const observers: { observe: TaskObserver; channels: ReadonlySet<TaskChannel> | null }[] = [];
  const wrapUpWriters: WrapUpWriter[] = [];
  const commitListeners: ((step: CommittedStep) => void)[] = [];
  /** userId → when their last desktop left; cleared when one comes back. In memory: losing it only delays "offline". */
  const goneSince = new Map<string, number>();

  const isConnected = (userId: string): boolean => deps.presence.desktops(userRoom(userId)) > 0;
  /** Queues, profiles, settings and agent states as the last committed step left them; null until read (routing-cache.ts). */
  let snapshot: RoutingSnapshot | null = null;

  /** One serialized step: the action, then a routing pass, in one transaction; then the announcements. */
  function step<T>(action: (s: Step) => Promise<T>): Promise<T> {
    return stepThen(action, (_s, result) => result);
  }

  /** `finish` sees the step after the routing pass (a new task may already be offered). */
  function stepThen<T, U>(action: (s: Step) => Promise<T>, finish: (s: Step, result: T) => U): Promise<U> {
    return writeQueue(async () => {
      const stepped = db.transaction().execute(async (trx) => {
        const base = snapshot ?? (await loadRoutingSnapshot(trx));
        const s = new Step(trx, clock(), new Map(base.queues), base.states, base.settings, base.profiles, base.openTasks);
        const acted = await action(s);
        await routePass(s);
        if (observers.length > 0) {
          const ctx = contextOf(s);
          const events = [...s.events];
          for (const { observe, channels } of observers) {
            const theirs = channels === null ? events : events.filter((event) => channels.has(channelOf(s, event)));
            if (theirs.length > 0) await observe(ctx, theirs);
          }
        }
        const result = finish(s, acted);
        const announce = await persist(s);
        return { result, announce, s, base };
      });
      // A refused or failed step may have left the snapshot anywhere: the next step reads the store again.
      const { result, announce, s, base } = await stepped.catch((error: unknown) => {
        snapshot = null;
        throw error;
      });
      // Committed: what the step wrote is now what the store holds.
      commitToSnapshot(base, { queues: s.savedQueues, profiles: s.profiles, settings: s.settings, states: s.states, tasks: s.tasks });
      snapshot = base;
      announce();
      if (commitListeners.length > 0 && (s.events.length > 0 || s.states.size > 0 || s.tasks.size > 0 || s.profiles.size > 0 || s.savedQueues.size > 0)) {
        const states = new Map([...s.states].map(([userId, stored]) => [userId, stored.state]));
        const committed: CommittedStep = { now: s.now, events: s.events, states, view: base };
        for (const listener of commitListeners) {
          // The step has committed: a follower's failure is its own, never the caller's.
          try {
            listener(committed);
          } catch (error) {
            log.error('a commit listener failed', error);
          }
        }
      }
      return result;
    });
  }

  /** A step whose action names the task it changed; answers with that task as committed. */
  const stepTask = (action: (s: Step) => Promise<string>): Promise<TaskView> =>
    stepThen(action, (s, taskId) => {
      const task = s.tasks.get(taskId);
      if (!task) throw new Error(`task ${taskId} was not changed by its step`);
      return task;
    });

  function contextOf(s: Step): StepContext {
    return {
      trx: s.trx,
      now: s.now,
      queues: s.queues,
      openTask: (request) => openTask(s, request),
      task: async (taskId) => s.openTask(taskId) ?? (await storedTask(s.trx, taskId)) ?? null,
      apply: (task, event) => s.apply(task, event),
      rewrite: (task) => s.rewrite(task),
      openTasks: () => s.openTasks(),
      drafts: s.drafts,
      afterCommit: (announce) => s.announcements.push(announce),
    };
  }

  /** The channel of an event's task: every task an event of the step moved is in the step. */
  function channelOf(s: Step, event: TaskEvent): TaskChannel {
    if (event.kind === 'created') return event.channel;
    const task = s.openTask(event.taskId);
    if (!task) throw new Error(`task ${event.taskId} had an event in a step that does not hold it`);
    return task.channel;
  }

  async function openTask(s: Step, request: NewTask): Promise<TaskView> {
    const id = newId(s.now);
    const queue = s.queues.get(request.queueId);
    if (!queue) throw refuse('not-found', 'No such queue.');
    if (!queue.channels.includes(request.channel)) {
      throw refuse('invalid-payload', `${queue.name} does not take ${request.channel}.`, {
        issues: [{ path: 'channel', message: 'not served by this queue' }],
      });
    }
    const customer = request.customerId ? await findCustomer(s.trx, request.customerId) : null;
    if (request.customerId && !customer) throw refuse('not-found', 'No such customer; it may have been merged or removed.');
    const event = {
      at: s.now,
      taskId: id,
      queueId: queue.id,
      kind: 'created' as const,
      channel: request.channel,
      priority: request.priority,
      customerId: customer?.id ?? null,
      customerTier: customer?.tier ?? null,
      requiredSkills: {},
      preferredAgentId: request.preferredAgentId ?? null,
    };
    s.events.push(event);
    const task: TaskView = { ...taskFromCreated(event), subject: request.subject };
    s.tasks.set(id, task);
    return task;
  }

  async function routePass(s: Step): Promise<void> {
    const tasks = s.openTasks();
    // Only a queued task can be offered: with none waiting (most steps of a call), nothing can be placed.
    if (!tasks.some((task) => task.status === 'queued')) return;
    const agents: AgentRuntime[] = [];
    // Each agent's load per channel, in one pass over the open tasks.
    const loads = new Map<string, AgentRuntime['load']>();
    for (const task of tasks) {
      const holder = task.status === 'offered' ? task.offeredTo : task.status === 'queued' ? null : task.assignedTo;
      if (!holder) continue;
      const load = loads.get(holder) ?? {};
      load[task.channel] = (load[task.channel] ?? 0) + 1;
      loads.set(holder, load);
    }
    // routeTasks offers only to available members of a queue with a waiting task: build no one else.
    const waitingIn = new Set(tasks.filter((task) => task.status === 'queued').map((task) => task.queueId));
    for (const profile of s.allProfiles()) {
      if (!profile.queueIds.some((queueId) => waitingIn.has(queueId))) continue;
      const stored = s.state(profile.userId);
      if (!mayReceiveOffers(stored.state) || !isConnected(profile.userId)) continue;
      const load = loads.get(profile.userId) ?? {};
      agents.push({ profile: gated(profile), state: stored.state, load, idleSince: stored.idleSince, missedCount: stored.missedCount });
    }
    const byId = new Map(tasks.map((task) => [task.id, task]));
    // A closed queue routes nothing: its tasks wait (and still count towards its max wait).
    const open = [...s.queues.values()].filter((queue) => isOpen(queue.businessHours, s.now));
    const offers = routeTasks({ now: s.now, queues: open, agents, tasks }, s.settings.policy);
    for (const offer of offers) {
      const task = byId.get(offer.taskId);
      if (!task) continue;
      const base = { at: s.now, taskId: task.id, queueId: task.queueId, agentId: offer.agentId };
      const offered = s.apply(task, { ...base, kind: 'offered', expiresAt: offer.expiresAt, reason: offer.reason });
      if (offer.autoAccept) {
        s.apply(offered, { ...base, kind: 'assigned', reason: 'auto-accept' });
        givenWork(s, offer.agentId);
      }
    }
  }

  /** The profile as routing sees it: a channel the gate closes has no capacity, so no offer is made on it. */
  function gated(profile: AgentProfile): AgentProfile {
    const gate = deps.channelGate;
    if (!gate) return profile;
    const closed = TASK_CHANNELS.filter((channel) => (profile.capacity[channel] ?? 0) > 0 && !gate(profile.userId, channel));
    if (closed.length === 0) return profile;
    return { ...profile, capacity: { ...profile.capacity, ...Object.fromEntries(closed.map((channel) => [channel, 0])) } };
  }

  /** Work given or finished restarts the agent's idle clock (longest idle goes first). */
  function givenWork(s: Step, userId: string): void {
    const stored = s.state(userId);
    s.setState(userId, { ...stored, missedCount: 0, idleSince: s.now });
  }

  /** Writes the step; returns what to announce once committed. */
  async function persist(s: Step): Promise<() => void> {
    for (const task of s.tasks.values()) await saveTask(s.trx, task, s.now);
    await insertTaskEvents(s.trx, s.events);
    for (const [userId, stored] of s.states) await saveAgentState(s.trx, userId, stored);
    const changes = await appendChanges(s.trx, s.drafts);
    const offers: { agentId: string; task: TaskView; customer: Awaited<ReturnType<typeof findCustomer>> }[] = [];
    for (const taskId of s.offered) {
      const task = s.tasks.get(taskId);
      if (task?.status !== 'offered' || !task.offeredTo) continue;
      const customer = task.customerId ? await findCustomer(s.trx, task.customerId) : null;
      offers.push({ agentId: task.offeredTo, task, customer });
    }
    return () => {
      if (changes.length > 0) deps.broadcast(changes);
      for (const [taskId, agents] of s.affected) {
        const task = s.tasks.get(taskId);
        if (task) for (const agentId of agents) io.to(userRoom(agentId)).emit('task:updated', task);
      }
      for (const { agentId, task, customer } of offers) {
        io.to(userRoom(agentId)).emit('task:offer', { task, customer, expiresAt: task.offerExpiresAt ?? s.now });
      }
      for (const userId of s.changedStates) {
        const stored = s.states.get(userId);
        if (stored) io.to(userRoom(userId)).emit('agent:state', stored.state);
      }
      for (const announce of s.announcements) announce();
    };
  }

  async function taskOrThrow(s: Step, taskId: string): Promise<TaskView> {
    const task = s.openTask(taskId) ?? (await storedTask(s.trx, taskId));
    if (!task) throw refuse('not-found', 'No such task.');
    return task;
  }

  /** Pending offers go back to the queue, recorded as declines (the agent is not there to answer). */
  async function withdrawOffers(s: Step, userId: string): Promise<void> {
    // Offers that already ran out are misses, whoever notices first; only live ones are declined.
    await expireOffers(s);
    for (const task of s.openTasks()) {
      if (task.status !== 'offered' || task.offeredTo !== userId) continue;
      s.apply(task, { at: s.now, taskId: task.id, queueId: task.queueId, kind: 'declined', agentId: userId });
    }
  }

  function changeState(s: Step, userId: string, request: AgentStateRequest): AgentState {
    const stored = s.state(userId);
    const result = changeAgentState(stored.state, request, s.now, s.awayCodes);
    if (!result.ok) throw agentStateRefusal(result.error);
    if (result.state === stored.state) return stored.state;
    const becameAvailable = result.state.status === 'available';
    s.setState(userId, {
      state: result.state,
      missedCount: becameAvailable ? 0 : stored.missedCount,
      idleSince: becameAvailable ? s.now : stored.idleSince,
    });
    return result.state;
  }

  /** An agent's own request or a supervisor's: leaving "available" withdraws the offers ringing now. */
  async function setStateIn(s: Step, userId: string, request: SetAgentState): Promise<AgentState> {
    const state = changeState(s, userId, request.status === 'away' ? { kind: 'away', reasonCode: request.reasonCode } : { kind: request.status });
    if (state.status !== 'available') await withdrawOffers(s, userId);
    return state;
  }

  /** A task a supervisor acts on: it must exist and still wait (queued, or ringing an agent). */
  async function waitingTaskOrThrow(s: Step, taskId: string): Promise<TaskView> {
    const task = await taskOrThrow(s, taskId);
    if (task.status !== 'queued' && task.status !== 'offered') throw refuse('conflict', `This task is no longer waiting: it is ${task.status}.`);
    return task;
  }

  /** The offer ringing now ends, as when the agent's desktop leaves (a decline, or a miss once it ran out). */
  function endOffer(s: Step, task: TaskView): TaskView {
    if (task.status !== 'offered' || !task.offeredTo) return task;
    const kind = s.now >= (task.offerExpiresAt ?? 0) ? 'offer-timed-out' : 'declined';
    return s.apply(task, { at: s.now, taskId: task.id, queueId: task.queueId, kind, agentId: task.offeredTo });
  }

  /** Offers past their time go back to the queue and count as a miss for the agent (maybe sending them away). */
  async function expireOffers(s: Step): Promise<void> {
    for (const task of s.openTasks()) {
      if (task.status !== 'offered' || !task.offeredTo || (task.offerExpiresAt ?? 0) > s.now) continue;
      const agentId = task.offeredTo;
      s.apply(task, { at: s.now, taskId: task.id, queueId: task.queueId, kind: 'offer-timed-out', agentId });
      await countMiss(s, agentId);
    }
  }

  /** One more unanswered offer in a row; the profile's limit may send the agent away. */
  async function countMiss(s: Step, agentId: string): Promise<void> {
    const stored = s.state(agentId);
    const missedCount = stored.missedCount + 1;
    const profile = s.profile(agentId);
    const state = profile ? afterMissedOffer(stored.state, missedCount, profile, s.now) : stored.state;
    s.setState(agentId, { ...stored, state, missedCount });
  }

  /** Offer expiries, wrap-up timers, the offline grace and queue max waits, as of now. */
  async function sweep(s: Step): Promise<void> {
    for (const userId of s.stateHolders()) {
      const stored = s.state(userId);
      const ticked = tickAgentState(stored.state, s.now);
      if (ticked !== stored.state) s.setState(userId, { ...stored, state: ticked, idleSince: ticked.since });
    }
    for (const [userId, since] of goneSince) {
      if (s.now - since < OFFLINE_GRACE_MS) continue;
      goneSince.delete(userId);
      if (!isConnected(userId)) changeState(s, userId, { kind: 'offline' });
    }
    await expireOffers(s);
    // A timed-out task is only marked: turning it into a follow-up is left for the channel integrations.
    for (const event of queueTimeouts(s.now, s.openTasks(), [...s.queues.values()])) {
      const task = s.openTask(event.taskId);
      if (task) s.apply(task, event);
    }
  }


  return {
    /**
     * Something past routing's steps rewrote task rows (a merge mutation):
     * the next step reads the snapshot, open tasks included, from the store.
     * Call inside the write queue, after that commit.
     */
    forgetSnapshot(): void {
      snapshot = null;
    },

    /** Runs the sweep and a routing pass now; the hub calls it every few seconds, tests call it after moving the clock. */
    tick: (): Promise<void> => step(sweep),

    connected(userId: string): void {
      goneSince.delete(userId);
    },

    /** Call after a socket has left its rooms. */
    async disconnected(userId: string): Promise<void> {
      if (isConnected(userId)) return;
      goneSince.set(userId, clock());
      await step((s) => withdrawOffers(s, userId));
    },

    async desk(user: User): Promise<AgentDesk> {
      const profile = await findProfile(db, user.id);
      const allQueues = await listQueues(db);
      const mine = profile ? allQueues.filter((queue) => profile.queueIds.includes(queue.id)) : allQueues;
      const tasks = (await listOpenTasks(db)).filter(
        (task) => (task.status === 'offered' && task.offeredTo === user.id) || (task.status !== 'queued' && task.assignedTo === user.id),
      );
      const stored = (await listAgentStates(db)).get(user.id) ?? initialAgentState();
      const { awayReasons } = await readRoutingSettings(db);
      return { profile, state: stored.state, tasks, queues: mine, awayReasons };
    },

    /** Transfer targets for `user`: every queue, every other agent with a profile, with state and presence. */
    async directory(user: User): Promise<AgentDirectory> {
      const [profiles, users, states, queues] = await Promise.all([listProfiles(db), listUsers(db), listAgentStates(db), listQueues(db)]);
      return buildDirectory({ callerId: user.id, profiles, users, states, queues, isConnected });
    },

    setState: (user: User, request: SetAgentState): Promise<AgentState> => step((s) => setStateIn(s, user.id, request)),

    accept: (user: User, taskId: string): Promise<TaskView> =>
      stepTask(async (s) => {
        const task = await taskOrThrow(s, taskId);
        s.apply(task, { at: s.now, taskId, queueId: task.queueId, kind: 'accepted', agentId: user.id });
        givenWork(s, user.id);
        return taskId;
      }),

    decline: (user: User, taskId: string): Promise<null> =>
      step(async (s) => {
        const task = await taskOrThrow(s, taskId);
        s.apply(task, { at: s.now, taskId, queueId: task.queueId, kind: 'declined', agentId: user.id });
        if (s.settings.declineCountsAsMiss) await countMiss(s, user.id);
        return null;
      }),

    /**
     * An offer that rang out where the hub cannot see it (a softphone that
     * nobody answered): an 'offer-timed-out' once its time is up, else a
     * 'declined' (the lifecycle refuses a time-out before its time). Either
     * way it is a miss, counted as the sweep counts one.
     */
    missed: (user: User, taskId: string): Promise<null> =>
      step(async (s) => {
        const task = await taskOrThrow(s, taskId);
        const kind = s.now >= (task.offerExpiresAt ?? 0) ? 'offer-timed-out' : 'declined';
        s.apply(task, { at: s.now, taskId, queueId: task.queueId, kind, agentId: user.id });
        await countMiss(s, user.id);
        return null;
      }),

    complete: (user: User, taskId: string): Promise<TaskView> =>
      stepTask(async (s) => {
        const task = await taskOrThrow(s, taskId);
        s.apply(task, { at: s.now, taskId, queueId: task.queueId, kind: 'wrap-up', agentId: user.id });
        if (LIVE_CHANNELS.includes(task.channel)) {
          const result = changeAgentState(s.state(user.id).state, { kind: 'wrap-up', durationSec: CALL_WRAP_UP_SEC }, s.now, s.awayCodes);
          if (result.ok) s.setState(user.id, { ...s.state(user.id), state: result.state });
        }
        return taskId;
      }),

    /**
     * Ends the task with a disposition (checked against the queue's list by
     * the lifecycle). When the task has a customer, a note goes on their
     * timeline through the change log carrying the disposition and the
     * agent's note, so the outcome is visible to every desktop — unless a
     * channel writes it into its own item (a call's interaction, WrapUpWriter).
     */
    wrapUp: (user: User, request: { taskId: string; disposition?: string | undefined; note?: string | undefined }): Promise<TaskView> =>
      stepTask(async (s) => {
        let task = await taskOrThrow(s, request.taskId);
        const base = { at: s.now, taskId: task.id, queueId: task.queueId, agentId: user.id };
        if (task.status === 'assigned' && task.assignedTo === user.id) task = s.apply(task, { ...base, kind: 'wrap-up' });
        task = s.apply(task, { ...base, kind: 'done', disposition: request.disposition ?? null });
        givenWork(s, user.id);
        let written = false;
        for (const write of wrapUpWriters) {
          written ||= await write(contextOf(s), task, { agentId: user.id, disposition: request.disposition ?? null, note: request.note ?? '' });
        }
        if (!written && task.customerId && (await findCustomer(s.trx, task.customerId))) {
          const note: InteractionOf<'note'> = {
            id: ulid(s.now),
            customerId: task.customerId,
            occurredAt: s.now,
            agentId: user.id,
            channel: 'note',
            text: [[task.subject, task.channel, request.disposition && `Disposition: ${request.disposition}`].filter(Boolean).join(' — '), request.note ?? ''].filter(Boolean).join('\n\n'),
          };
          await insertInteractions(s.trx, [note]);
          s.drafts.push({ entity: 'interaction', op: 'put', data: note });
        }
        return task.id;
      }),

    transfer: (user: User, request: { taskId: string; to: { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string } }): Promise<null> =>
      step(async (s) => {
        const task = await taskOrThrow(s, request.taskId);
        const base = { at: s.now, taskId: task.id, queueId: task.queueId, agentId: user.id, kind: 'transferred' as const };
        if (request.to.kind === 'queue') {
          s.apply(task, { ...base, to: request.to });
          return null;
        }
        const receiver = request.to.agentId;
        if (receiver !== user.id) {
          if (!s.profile(receiver)) throw refuse('not-found', 'No such agent.');
          if (!isConnected(receiver) || s.state(receiver).state.status !== 'available') {
            throw refuse('conflict', 'That agent is not available to take a transfer now.');
          }
        }
        const expiresAt = s.now + s.settings.policy.offerTimeoutSec[task.channel] * 1000;
        s.apply(task, { ...base, to: { kind: 'agent', agentId: receiver, expiresAt } });
        return null;
      }),

    /** Registers a listener for every committed step that changed something (the supervisor's live view). */
    onCommit(listener: (step: CommittedStep) => void): void {
      commitListeners.push(listener);
    },

    /**
     * Routing's view as the last committed step left it, plus `read` from the
     * store, together between steps: nothing commits in between, so a follower
     * of onCommit can start from both and miss no step.
     */
    committed: <T>(read: (db: Kysely<Database>, view: RoutingView) => Promise<T>): Promise<T> =>
      writeQueue(async () => {
        snapshot ??= await loadRoutingSnapshot(db);
        return read(db, snapshot);
      }),

    /**
     * A supervisor moves a waiting task to another queue: recorded as an
     * overflow (the wait in the old queue ends unanswered, a new one starts;
     * the task keeps its age for priority). A ringing offer ends first.
     */
    moveTask: (request: { taskId: string; queueId: string }): Promise<null> =>
      step(async (s) => {
        const task = endOffer(s, await waitingTaskOrThrow(s, request.taskId));
        if (!s.queues.has(request.queueId)) throw refuse('not-found', 'No such queue.', { issues: [{ path: 'queueId', message: 'unknown queue' }] });
        if (task.queueId === request.queueId) throw refuse('conflict', 'The task is already in that queue.');
        s.apply(task, { at: s.now, taskId: task.id, queueId: task.queueId, kind: 'overflowed', toQueueId: request.queueId });
        return null;
      }),

    /**
     * A supervisor gives a waiting task to a named agent: an `assigned` event
     * (reason supervisor), past capacity if need be — the supervisor's call.
     * The agent must be in the task's queue, have a desktop and be signed in.
     */
    assignTask: (request: { taskId: string; agentId: string }): Promise<null> =>
      step(async (s) => {
        const task = await waitingTaskOrThrow(s, request.taskId);
        const profile = s.profile(request.agentId);
        if (!profile) throw refuse('not-found', 'No such agent.', { issues: [{ path: 'agentId', message: 'no routing profile' }] });
        if (!profile.queueIds.includes(task.queueId)) throw refuse('conflict', 'That agent is not a member of the task\'s queue.');
        if (!isConnected(request.agentId) || s.state(request.agentId).state.status === 'offline') {
          throw refuse('conflict', 'That agent is not signed in to a desktop now.');
        }
        // A call handed to an agent whose softphone is not registered would ring nowhere.
        if (deps.channelGate && !deps.channelGate(request.agentId, task.channel)) {
          throw refuse('conflict', `That agent cannot take ${task.channel} now (their phone is not registered).`);
        }
        s.apply(task, { at: s.now, taskId: task.id, queueId: task.queueId, kind: 'assigned', agentId: request.agentId, reason: 'supervisor' });
        givenWork(s, request.agentId);
        return null;
      }),

    /** A supervisor sets another agent's state, by the agent's own rules (logging them out withdraws their offers). */
    setStateOf: (agentId: string, request: SetAgentState): Promise<AgentState> =>
      step(async (s) => {
        if (!s.profile(agentId)) throw refuse('not-found', 'No such agent.', { issues: [{ path: 'agentId', message: 'no routing profile' }] });
        return setStateIn(s, agentId, request);
      }),

    /** A supervisor (or admin) changes an agent's skills and queues; the rest of the profile stays. */
    editAgent: (request: { agentId: string; skills: Record<string, number>; queueIds: string[] }): Promise<AgentProfile> =>
      step(async (s) => {
        const current = s.profile(request.agentId);
        if (!current) throw refuse('not-found', 'No such agent.', { issues: [{ path: 'agentId', message: 'no routing profile' }] });
        const unknown = request.queueIds.filter((id) => !s.queues.has(id));
        if (unknown.length > 0) throw refuse('not-found', `Unknown queues: ${unknown.join(', ')}.`, { issues: [{ path: 'queueIds', message: 'unknown queue' }] });
        const profile: AgentProfile = { ...current, skills: { ...request.skills }, queueIds: [...new Set(request.queueIds)] };
        await saveProfile(s.trx, profile);
        s.profiles.set(profile.userId, profile);
        return profile;
      }),

    create: (request: NewTask): Promise<TaskView> => stepTask(async (s) => (await openTask(s, request)).id),

    /** A channel's own step: its writes, the tasks it opens or moves, and the routing they cause, in one transaction. */
    act: <T>(action: (ctx: StepContext) => Promise<T>): Promise<T> => step((s) => action(contextOf(s))),

    /** Registers a channel that follows task events (see TaskObserver), of its own channels' tasks or of all. */
    observe(channels: ObservedChannels, observer: TaskObserver): void {
      observers.push({ observe: observer, channels: channels === 'all' ? null : new Set(channels) });
    },

    /** Registers a channel that writes the wrap-up into its own timeline item (see WrapUpWriter). */
    writeWrapUps(writer: WrapUpWriter): void {
      wrapUpWriters.push(writer);
    },

    settings: (): Promise<RoutingSettings> => readRoutingSettings(db),

    saveSettings: (settings: RoutingSettings): Promise<RoutingSettings> =>
      step(async (s) => {
        await saveRoutingSettings(s.trx, settings);
        s.settings = settings;
        return settings;
      }),

    listQueues: (): Promise<Queue[]> => listQueues(db),

    upsertQueue: (queue: Queue): Promise<Queue> =>
      step(async (s) => {
        const next = new Map(s.queues);
        next.set(queue.id, queue);
        if (queue.overflowQueueId !== null && !next.has(queue.overflowQueueId)) {
          throw refuse('invalid-payload', 'The overflow queue does not exist.', {
            issues: [{ path: 'overflowQueueId', message: 'unknown queue' }],
          });
        }
        const cycle = overflowCycle([...next.values()]);
        if (cycle) {
          const names = cycle.map((id) => next.get(id)?.name ?? id);
          throw refuse('conflict', `Overflow would loop: ${[...names, names[0]].join(' → ')}.`);
        }
        await saveQueue(s.trx, queue);
        s.queues.set(queue.id, queue);
        s.savedQueues.set(queue.id, queue);
        return queue;
      }),

    listAgents: (): Promise<AgentProfile[]> => listProfiles(db),

    upsertAgent: (profile: AgentProfile): Promise<AgentProfile> =>
      step(async (s) => {
        if (!(await findUser(s.trx, profile.userId))) throw refuse('not-found', 'No such user.');
        const unknown = profile.queueIds.filter((id) => !s.queues.has(id));
        if (unknown.length > 0) {
          throw refuse('invalid-payload', `Unknown queues: ${unknown.join(', ')}.`, {
            issues: [{ path: 'queueIds', message: 'unknown queue' }],
          });
        }
        await saveProfile(s.trx, profile);
        s.profiles.set(profile.userId, profile);
        return profile;
      }),

    /**
     * Starts the periodic sweep (unref'd: it never keeps the process alive).
     * Agents the store still shows signed in had no desktop when the hub
     * stopped: their grace period starts now, as if they had just disconnected.
     */
    start(): () => void {
      const startedAt = clock();
      // Through the write queue, so a hub closed at once waits for this read before closing the store.
      writeQueue(() => listAgentStates(db)).then(
        (states) => {
          for (const [userId, stored] of states) {
            if (stored.state.status !== 'offline' && !isConnected(userId)) goneSince.set(userId, startedAt);
          }
        },
        (error: unknown) => log.error('could not read agent states at start', error),
      );
      const timer = setInterval(() => {
        step(sweep).catch((error: unknown) => log.error('routing sweep failed', error));
      }, SWEEP_INTERVAL_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
