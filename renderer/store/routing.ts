import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Customer } from '../../shared/domain/customer';
import type { AgentState, AwayReason, Queue } from '../../shared/domain/routing';
import type { AgentDesk, TaskOffer, TaskView } from '../../shared/protocol/routing';

/** Why an offer stopped ringing without the agent answering it. */
export type OfferEnd = 'expired' | 'withdrawn';

export type RingingOffer = { taskId: string; customer: Customer | null; expiresAt: number };

/**
 * The agent's routing desk as the hub last described it. The hub is the
 * authority: nothing here changes because the agent pressed a button, only
 * because the hub answered or told us.
 */
export type RoutingState = {
  /** Who "my" tasks belong to. */
  agentId: string;
  /** False until the desk is loaded over a live connection, and again whenever the link drops: no offers can arrive. */
  live: boolean;
  me: AgentState | null;
  /** The hub has a routing profile for me: work (a follow-up, a task) can be given to me by name. */
  takesWork: boolean;
  /** My tasks (offered to me, assigned, in wrap-up), oldest first. */
  tasks: TaskView[];
  /** When this desktop saw each task enter its current status (local clock), for handle timers. */
  statusSince: Record<string, number>;
  queues: Queue[];
  awayReasons: AwayReason[];
  /** Offers ringing now, in arrival order. */
  offers: RingingOffer[];
  /** Customers that came with offers, for rows whose customer is not cached yet. */
  customers: Record<string, Customer>;
  selectedTaskId: string | null;
};

export type RoutingEvent =
  | { type: 'desk'; desk: AgentDesk; now: number }
  | { type: 'offline' }
  | { type: 'offer'; offer: TaskOffer; now: number }
  | { type: 'updated'; task: TaskView; now: number }
  | { type: 'agent-state'; state: AgentState }
  | { type: 'offer-lapsed'; taskId: string }
  | { type: 'select'; taskId: string | null };

/** What a reducer step wants the agent told, beside the new state. */
export type RoutingEffect = { kind: 'offer-ended'; taskId: string; subject: string; reason: OfferEnd };

export const initialRoutingState = (agentId: string): RoutingState => ({
  agentId,
  live: false,
  me: null,
  takesWork: false,
  tasks: [],
  statusSince: {},
  queues: [],
  awayReasons: [],
  offers: [],
  customers: {},
  selectedTaskId: null,
});

/** A task belongs in my inbox while it rings on my desk or is mine to work or wrap up. */
export function isMine(task: TaskView, agentId: string): boolean {
  if (task.status === 'offered') return task.offeredTo === agentId;
  if (task.status === 'assigned' || task.status === 'wrap-up') return task.assignedTo === agentId;
  return false;
}

function upsert(tasks: TaskView[], task: TaskView): TaskView[] {
  const index = tasks.findIndex((t) => t.id === task.id);
  if (index < 0) return [...tasks, task];
  const next = tasks.slice();
  next[index] = task;
  return next;
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/** One pure step: events from the hub (and the clock) in, the next state and anything to tell the agent out. */
export function reduceRouting(state: RoutingState, event: RoutingEvent): { state: RoutingState; effects: RoutingEffect[] } {
  switch (event.type) {
    case 'desk': {
      const { desk, now } = event;
      const tasks = desk.tasks.filter((task) => isMine(task, state.agentId));
      const statusSince: Record<string, number> = {};
      for (const task of tasks) {
        const previous = state.tasks.find((t) => t.id === task.id);
        statusSince[task.id] = previous?.status === task.status ? (state.statusSince[task.id] ?? now) : now;
      }
      // Offers still ringing are kept; the desk carries no expiry, so the task's own is used.
      const offers: RingingOffer[] = tasks
        .filter((task) => task.status === 'offered' && task.offerExpiresAt !== null && task.offerExpiresAt > now)
        .map((task) => ({
          taskId: task.id,
          customer: state.offers.find((o) => o.taskId === task.id)?.customer ?? null,
          expiresAt: task.offerExpiresAt ?? now,
        }));
      const selectedTaskId = tasks.some((t) => t.id === state.selectedTaskId) ? state.selectedTaskId : null;
      return {
        state: {
          ...state,
          live: true,
          me: desk.state,
          takesWork: desk.profile !== null,
          tasks,
          statusSince,
          queues: desk.queues,
          awayReasons: desk.awayReasons,
          offers,
          selectedTaskId,
        },
        effects: [],
      };
    }
    case 'offline':
      // Offers cannot be answered without the hub; they come back with the desk if still ringing.
      return { state: { ...state, live: false, offers: [] }, effects: [] };
    case 'offer': {
      const { offer, now } = event;
      if (!isMine(offer.task, state.agentId)) return { state, effects: [] };
      const offers = [...state.offers.filter((o) => o.taskId !== offer.task.id), { taskId: offer.task.id, customer: offer.customer, expiresAt: offer.expiresAt }];
      const customers = offer.customer ? { ...state.customers, [offer.customer.id]: offer.customer } : state.customers;
      return {
        state: {
          ...state,
          tasks: upsert(state.tasks, offer.task),
          statusSince: { ...state.statusSince, [offer.task.id]: now },
          offers,
          customers,
        },
        effects: [],
      };
    }
    case 'updated': {
      const { task, now } = event;
      const before = state.tasks.find((t) => t.id === task.id);
      const ringing = state.offers.find((o) => o.taskId === task.id);
      const stillOffered = task.status === 'offered' && task.offeredTo === state.agentId;
      const offers = stillOffered ? state.offers : state.offers.filter((o) => o.taskId !== task.id);
      const effects: RoutingEffect[] = [];
      // An offer I declined myself needs no note; one that ran out or was taken back does.
      const declinedByMe = ringing !== undefined && now < ringing.expiresAt && task.declinedBy.includes(state.agentId);
      if (ringing && !stillOffered && !isMine(task, state.agentId) && !declinedByMe) {
        effects.push({ kind: 'offer-ended', taskId: task.id, subject: task.subject, reason: now >= ringing.expiresAt ? 'expired' : 'withdrawn' });
      }
      if (!isMine(task, state.agentId)) {
        return {
          state: {
            ...state,
            tasks: state.tasks.filter((t) => t.id !== task.id),
            statusSince: without(state.statusSince, task.id),
            offers,
            selectedTaskId: state.selectedTaskId === task.id ? null : state.selectedTaskId,
          },
          effects,
        };
      }
      const since = before?.status === task.status ? (state.statusSince[task.id] ?? now) : now;
      return {
        state: { ...state, tasks: upsert(state.tasks, task), statusSince: { ...state.statusSince, [task.id]: since }, offers },
        effects,
      };
    }
    case 'agent-state':
      return { state: { ...state, me: event.state }, effects: [] };
    case 'offer-lapsed': {
      const ringing = state.offers.find((o) => o.taskId === event.taskId);
      if (!ringing) return { state, effects: [] };
      const task = state.tasks.find((t) => t.id === event.taskId);
      const stillOffered = task?.status === 'offered';
      return {
        state: {
          ...state,
          offers: state.offers.filter((o) => o.taskId !== event.taskId),
          // The hub will confirm with task:updated; until then the lapsed offer is not work the agent can take.
          tasks: stillOffered ? state.tasks.filter((t) => t.id !== event.taskId) : state.tasks,
          statusSince: stillOffered ? without(state.statusSince, event.taskId) : state.statusSince,
          selectedTaskId: stillOffered && state.selectedTaskId === event.taskId ? null : state.selectedTaskId,
        },
        effects: stillOffered ? [{ kind: 'offer-ended', taskId: event.taskId, subject: task?.subject ?? '', reason: 'expired' }] : [],
      };
    }
    case 'select':
      return { state: { ...state, selectedTaskId: event.taskId }, effects: [] };
  }
}

export type RoutingStore = StoreApi<RoutingState>;

/**
 * Offers the inbox rings and the shortcuts answer. Calls and video ring on
 * the softphone instead: they are answered there (the hub hears it from the
 * SIP server), so a second accept button would answer nothing.
 */
export function toastOffers(state: RoutingState): RingingOffer[] {
  const onThePhone = new Set(state.tasks.filter((task) => task.channel === 'call' || task.channel === 'video').map((task) => task.id));
  return state.offers.filter((offer) => !onThePhone.has(offer.taskId));
}

export const createRoutingStore = (agentId: string): RoutingStore => createStore<RoutingState>(() => initialRoutingState(agentId));
