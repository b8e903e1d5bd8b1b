import type { Kysely } from 'kysely';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { SupervisorSettings } from '../../shared/protocol/supervisor';
import type { Clock } from '../clock';
import type { Presence } from '../cluster/presence';
import { listQueues } from '../db/routing-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import type { RoutingService } from '../routing/routing-service';
import type { SupervisorEventName } from '../socket/event-handlers';
import type { EventResult, EventRoute } from '../socket/event-route';
import { route } from '../socket/event-route';
import type { HubServer } from '../socket/hub-socket';
import { refuse } from '../sync/refusal';
import { sendAgentMessage } from './agent-messages';
import { createSupervisorEngine } from './live-engine';
import { saveSupervisorSettings } from './supervisor-settings';

export type SupervisorRouteDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  io: HubServer;
  presence: Presence;
  routing: RoutingService;
  clock: Clock;
  log: Logger;
  phoneRegistered(userId: string): boolean;
  /** The hub's zone for "today"; the process's own unless given. */
  timeZone?: string;
};

/**
 * The supervisor's events. The roles (supervisor, admin) are the contract's
 * and the dispatcher checks them; editing agents is also checked here
 * against the settings, and only an administrator may change who edits.
 */
export function createSupervisorRoutes(deps: SupervisorRouteDeps): Record<SupervisorEventName, EventRoute> {
  const { db, writeQueue, io, routing, clock } = deps;
  const engine = createSupervisorEngine({
    db,
    io,
    presence: deps.presence,
    routing,
    clock,
    log: deps.log,
    timeZone: deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    phoneRegistered: deps.phoneRegistered,
  });

  async function saveSettings(next: SupervisorSettings, role: string): Promise<SupervisorSettings> {
    const current = await engine.settings();
    if (role !== 'admin' && next.supervisorsEditAgents !== current.supervisorsEditAgents) {
      throw refuse('forbidden', 'Only an administrator decides whether supervisors may edit agents.');
    }
    const queueIds = new Set((await listQueues(db)).map((queue) => queue.id));
    const unknown = Object.keys(next.thresholds).filter((id) => !queueIds.has(id));
    if (unknown.length > 0) {
      throw refuse('not-found', `Unknown queues: ${unknown.join(', ')}.`, { issues: unknown.map((id) => ({ path: `thresholds.${id}`, message: 'unknown queue' })) });
    }
    await writeQueue(() => saveSupervisorSettings(db, next));
    engine.settingsSaved(next);
    return next;
  }

  return {
    'supervisor:watch': route(CLIENT_EVENTS['supervisor:watch'], 'supervisor:watch', (_request, { socketId }): Promise<EventResult<'supervisor:watch'>> =>
      engine.watch(socketId),
    ),
    'supervisor:unwatch': route(CLIENT_EVENTS['supervisor:unwatch'], 'supervisor:unwatch', async (_request, { socketId }): Promise<EventResult<'supervisor:unwatch'>> => {
      engine.unwatch(socketId);
      return null;
    }),
    'supervisor:task:move': route(CLIENT_EVENTS['supervisor:task:move'], 'supervisor:task:move', (request): Promise<EventResult<'supervisor:task:move'>> =>
      routing.moveTask(request),
    ),
    'supervisor:task:assign': route(CLIENT_EVENTS['supervisor:task:assign'], 'supervisor:task:assign', (request): Promise<EventResult<'supervisor:task:assign'>> =>
      routing.assignTask(request),
    ),
    'supervisor:agent:state': route(CLIENT_EVENTS['supervisor:agent:state'], 'supervisor:agent:state', (request): Promise<EventResult<'supervisor:agent:state'>> =>
      routing.setStateOf(request.agentId, request.state),
    ),
    'supervisor:message': route(CLIENT_EVENTS['supervisor:message'], 'supervisor:message', (request, { user }): Promise<EventResult<'supervisor:message'>> =>
      sendAgentMessage({ db, io, presence: deps.presence, clock }, user, request),
    ),
    'supervisor:agent:edit': route(CLIENT_EVENTS['supervisor:agent:edit'], 'supervisor:agent:edit', async (request, { user }): Promise<EventResult<'supervisor:agent:edit'>> => {
      if (user.role !== 'admin' && !(await engine.settings()).supervisorsEditAgents) {
        throw refuse('forbidden', 'Only an administrator may edit agents here; the settings keep it from supervisors.');
      }
      return routing.editAgent(request);
    }),
    'supervisor:settings:set': route(CLIENT_EVENTS['supervisor:settings:set'], 'supervisor:settings:set', (request, { user }): Promise<EventResult<'supervisor:settings:set'>> =>
      saveSettings(request, user.role),
    ),
  };
}
