import type { Kysely } from 'kysely';
import type { AgentState } from '../../shared/domain/routing';
import type { SupervisorAlert, SupervisorBoard, SupervisorSettings } from '../../shared/protocol/supervisor';
import { buildBoard } from '../../shared/supervisor/board';
import { dayStartOf, nextDayStartOf } from '../../shared/supervisor/day';
import { applyAgentState, applyTaskEvent, createFold, type LiveFold, rollDay, seedAgentState } from '../../shared/supervisor/live-fold';
import type { Clock } from '../clock';
import type { Presence } from '../cluster/presence';
import { listEventsForDay } from '../db/routing-queries';
import type { Database } from '../db/schema';
import { listUsers } from '../db/user-queries';
import type { Logger } from '../log';
import type { RoutingService, RoutingView } from '../routing/routing-service';
import { type HubServer, userRoom } from '../socket/hub-socket';
import { readSupervisorSettings } from './supervisor-settings';

/** Sockets watching the live view. */
export const SUPERVISORS_ROOM = 'supervisors';
/** At most one board per this gap while steps keep coming; the first change after a quiet spell goes out at once. */
export const PUSH_GAP_MS = 200;
/** Waits and times in state grow with no step at all: a fresh board this often brings time-based alerts. */
export const REEVALUATE_MS = 5_000;

export type SupervisorEngineDeps = {
  db: Kysely<Database>;
  io: HubServer;
  presence: Presence;
  routing: RoutingService;
  clock: Clock;
  log: Logger;
  /** The hub's zone: "today" and its 15-minute intervals are local to it. */
  timeZone: string;
  phoneRegistered(userId: string): boolean;
};

export type SupervisorEngine = ReturnType<typeof createSupervisorEngine>;

/**
 * The live view: follows routing's committed steps into the fold of today's
 * figures (seeded once from the stored events, on the first watch) and
 * pushes fresh boards to the watchers' room, coalesced. No watcher, no
 * board: the fold stays current (it is cheap), nothing is built or sent.
 */
export function createSupervisorEngine(deps: SupervisorEngineDeps) {
  const { db, io, routing, clock, log, timeZone } = deps;
  let fold: LiveFold | null = null;
  let view: RoutingView | null = null;
  let settings: SupervisorSettings | null = null;
  let seeding: Promise<void> | null = null;
  let nextDay = 0;
  let lastAlerts: SupervisorAlert[] = [];
  const people = new Map<string, { username: string; displayName: string }>();
  /** Customer names of waiting tasks, read once each; null: no such customer (merged away). */
  const customerNames = new Map<string, string | null>();
  let reading: Promise<void> | null = null;
  let lastPushAt = Number.NEGATIVE_INFINITY;
  let pushTimer: NodeJS.Timeout | null = null;
  let reevaluate: NodeJS.Timeout | null = null;

  const isConnected = (userId: string): boolean => deps.presence.desktops(userRoom(userId)) > 0;
  const watching = (): boolean => deps.presence.desktops(SUPERVISORS_ROOM) > 0;

  routing.onCommit((step) => {
    // Before the seed nobody watches; the seed reads this step back from the store.
    if (!fold) return;
    view = step.view;
    rollIfNewDay(fold, step.now);
    for (const [agentId, state] of step.states) applyAgentState(fold, agentId, state);
    for (const event of step.events) applyTaskEvent(fold, event, step.view.queues);
    changed();
  });

  // Desktops coming and going change the agents table's "connected" column.
  deps.presence.onDesktopJoined(changed);
  deps.presence.onDesktopLeft(changed);

  function rollIfNewDay(current: LiveFold, now: number): void {
    if (now < nextDay) return;
    const dayStart = dayStartOf(timeZone, now);
    if (dayStart > current.dayStart) {
      rollDay(current, dayStart);
      // Names are read again when needed: the map would otherwise grow with every customer ever waiting.
      customerNames.clear();
    }
    nextDay = nextDayStartOf(timeZone, now);
  }

  /** Seeds the fold between two routing steps, so no step is missed or counted twice. */
  function seeded(): Promise<void> {
    seeding ??= routing
      .committed(async (store, committed) => {
        const now = clock();
        const dayStart = dayStartOf(timeZone, now);
        const [events, users, saved] = await Promise.all([listEventsForDay(store, dayStart), listUsers(store), readSupervisorSettings(store)]);
        const seed = createFold(timeZone, dayStart);
        for (const [agentId, stored] of committed.states) seedAgentState(seed, agentId, stored.state);
        for (const event of events) applyTaskEvent(seed, event, committed.queues);
        for (const user of users) people.set(user.id, { username: user.username, displayName: user.displayName });
        settings = saved;
        view = committed;
        nextDay = nextDayStartOf(timeZone, now);
        // Set inside the write queue: the next step's listener already finds it.
        fold = seed;
      })
      .catch((error: unknown) => {
        seeding = null;
        throw error;
      });
    return seeding;
  }

  function build(): SupervisorBoard {
    if (!fold || !view || !settings) throw new Error('the live view is built before its seed');
    const now = clock();
    rollIfNewDay(fold, now);
    const states = new Map<string, AgentState>();
    for (const [agentId, stored] of view.states) states.set(agentId, stored.state);
    const board = buildBoard({
      now,
      fold,
      queues: [...view.queues.values()].sort((a, b) => a.name.localeCompare(b.name)),
      profiles: [...view.profiles.values()],
      states,
      openTasks: [...view.openTasks.values()],
      people,
      customerNames,
      isConnected,
      phoneRegistered: deps.phoneRegistered,
      settings,
      previousAlerts: lastAlerts,
    });
    lastAlerts = board.alerts;
    readMissing(board);
    return board;
  }

  /** Names the board lacked (a new customer waiting, a new agent) are read once, then a fresh board follows. */
  function readMissing(board: SupervisorBoard): void {
    if (reading) return;
    const customers = [...new Set(board.waiting.flatMap((task) => (task.customerId && !customerNames.has(task.customerId) ? [task.customerId] : [])))];
    const strangers = board.agents.some((agent) => !people.has(agent.agentId));
    if (customers.length === 0 && !strangers) return;
    reading = (async () => {
      if (customers.length > 0) {
        const rows = await db.selectFrom('customers').select(['id', 'name']).where('id', 'in', customers).execute();
        for (const id of customers) customerNames.set(id, rows.find((row) => row.id === id)?.name ?? null);
      }
      if (strangers) for (const user of await listUsers(db)) people.set(user.id, { username: user.username, displayName: user.displayName });
    })()
      .then(changed, (error: unknown) => log.error('the live view could not read names', error))
      .finally(() => {
        reading = null;
      });
  }

  function push(): void {
    pushTimer = null;
    if (!watching() || !fold) return;
    lastPushAt = performance.now();
    io.to(SUPERVISORS_ROOM).emit('supervisor:board', build());
  }

  /** Something the board shows moved: push now after a quiet spell, else at the end of the current gap. */
  function changed(): void {
    if (pushTimer || !fold || !watching()) return;
    // Real time, not the hub's clock: tests move that one, and the gap is about load on the wire.
    const wait = Math.max(0, lastPushAt + PUSH_GAP_MS - performance.now());
    // Even "at once" waits for the next turn, so the burst of one routing step goes out as one board.
    pushTimer = setTimeout(push, wait);
    pushTimer.unref();
  }

  function keepReevaluating(): void {
    if (reevaluate) return;
    reevaluate = setInterval(() => {
      if (watching()) return push();
      // The last watcher left: stop until someone watches again.
      if (reevaluate) clearInterval(reevaluate);
      reevaluate = null;
    }, REEVALUATE_MS);
    reevaluate.unref();
  }

  return {
    /** The desktop that asked joins the watchers' room and gets the board now; the supervisor's other windows are unaffected. */
    async watch(socketId: string): Promise<SupervisorBoard> {
      await seeded();
      io.in(socketId).socketsJoin(SUPERVISORS_ROOM);
      keepReevaluating();
      return build();
    },

    unwatch(socketId: string): void {
      io.in(socketId).socketsLeave(SUPERVISORS_ROOM);
    },

    async settings(): Promise<SupervisorSettings> {
      await seeded();
      if (!settings) throw new Error('the supervisor settings were not read');
      return settings;
    },

    /** Saved settings apply to the next board, which goes out now. */
    settingsSaved(saved: SupervisorSettings): void {
      settings = saved;
      changed();
    },
  };
}
