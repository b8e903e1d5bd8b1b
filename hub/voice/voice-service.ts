import type { Kysely } from 'kysely';
import type { CountryCode } from 'libphonenumber-js/min';
import type { User } from '../../shared/domain/user';
import type { TaskView } from '../../shared/protocol/routing';
import type { VoiceCallEventSchema, VoiceRouteAnswer, VoiceRouteRequestSchema, VoiceSettings } from '../../shared/protocol/voice';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { findCustomer } from '../db/customer-queries';
import { findIdentityByValue } from '../db/identity-queries';
import { findTask } from '../db/routing-queries';
import type { Database, Queryable } from '../db/schema';
import { findUser, findUserForLogin } from '../db/user-queries';
import { findCall, readVoiceSettings, saveCall, type VoiceCall } from '../db/voice-queries';
import type { Logger } from '../log';
import type { RoutingService, StepContext } from '../routing/routing-service';
import { refuse } from '../sync/refusal';
import { endCall } from './call-end';
import { callTaskObserver } from './call-observer';
import { callerOf, callSubject } from './caller-id';
import type { PhoneRegistry } from './phone-registry';
import { answerForDirect, answerForTask } from './route-answer';

export type VoiceDeps = {
  db: Kysely<Database>;
  clock: Clock;
  routing: RoutingService;
  phones: PhoneRegistry;
  /** Whether the user has a desktop connected now (a phone is only as registered as its desktop is connected). */
  isConnected: (userId: string) => boolean;
  defaultRegion: CountryCode;
  /** The SIP domain until an admin saves voice settings. */
  sipDomain: string;
  log: Logger;
};

export type VoiceService = ReturnType<typeof createVoiceService>;

export type RouteRequest = z.output<typeof VoiceRouteRequestSchema>;
export type CallEvent = z.output<typeof VoiceCallEventSchema>;

/** A live caller's base priority; tier boost and ageing come on top, as for every channel. */
const CALL_PRIORITY = 50;

/** What the first ask for a call decided inside its step. */
type Arrival = { call: VoiceCall } | { reject: Extract<VoiceRouteAnswer, { action: 'reject' }> };

/**
 * The voice channel: Kamailio asks who to ring and reports what happened;
 * the routing engine decides, exactly as for chat. A queue call is a `call`
 * task opened in one routing step with its caller resolved to a customer; a
 * direct call to an agent's extension rings them with no task. The call
 * record in `voice_calls` ties the SIP Call-ID to the task and keeps its times.
 */
export function createVoiceService(deps: VoiceDeps) {
  const { db, routing, phones, log } = deps;

  routing.observe(callTaskObserver(log));

  const settings = (q: Queryable = db): Promise<VoiceSettings> => readVoiceSettings(q, deps.sipDomain);

  async function userOrThrow(userId: string): Promise<User> {
    const user = await findUser(db, userId);
    if (!user) throw refuse('not-found', 'No such agent.');
    return user;
  }

  async function taskOrThrow(taskId: string): Promise<TaskView> {
    const task = await findTask(db, taskId);
    if (!task) throw refuse('not-found', 'The call has no task any more.');
    return task;
  }

  /** The customer who owns the caller's number (screen pop handles unknown callers on the desktop). */
  async function customerOf(q: Queryable, number: string | null): Promise<string | null> {
    const identity = number ? await findIdentityByValue(q, 'phone', number) : null;
    return identity && (await findCustomer(q, identity.customerId)) ? identity.customerId : null;
  }

  /** A call Kamailio asks about for the first time: a queue number opens a task, an agent's username rings them. */
  async function arrive(ctx: StepContext, request: RouteRequest): Promise<Arrival> {
    const { numbers } = await settings(ctx.trx);
    const dialled = request.dialled.toLowerCase();
    const number = numbers.find((candidate) => candidate.dialled.toLowerCase() === dialled);
    const callerId = callerOf(request, deps.defaultRegion);
    const base = {
      callId: request.callId,
      dialled: request.dialled,
      caller: callerId.number,
      callerName: callerId.name,
      customerId: await customerOf(ctx.trx, callerId.number),
      arrivedAt: ctx.now,
      answeredAt: null,
      endedAt: null,
      outcome: null,
      callbackTaskId: null,
    };
    if (number) {
      const queue = ctx.queues.get(number.queueId);
      if (!queue?.channels.includes('call')) return { reject: { action: 'reject', status: 503, reason: `${request.dialled} is not taking calls now` } };
      const task = await ctx.openTask({ channel: 'call', queueId: queue.id, customerId: base.customerId, priority: CALL_PRIORITY, subject: callSubject(callerId) });
      const call: VoiceCall = { ...base, taskId: task.id, agentId: null };
      await saveCall(ctx.trx, call);
      return { call };
    }
    const agent = await findUserForLogin(ctx.trx, request.dialled);
    if (!agent) return { reject: { action: 'reject', status: 404, reason: `no number ${request.dialled}` } };
    if (!phones.isRegistered(agent.user.id)) return { reject: { action: 'reject', status: 480, reason: `${agent.user.username} is not reachable by phone now` } };
    const call: VoiceCall = { ...base, taskId: null, agentId: agent.user.id };
    await saveCall(ctx.trx, call);
    return { call };
  }

  /** Where the call stands now, as committed: who to ring, or wait, or release. */
  async function situation(call: VoiceCall): Promise<VoiceRouteAnswer> {
    const timing = await settings();
    if (call.taskId === null) {
      const agent = call.agentId ? await findUser(db, call.agentId) : null;
      if (!agent) return { action: 'reject', status: 404, reason: 'the agent no longer exists' };
      return answerForDirect(call, agent.username, phones.isRegistered(agent.id), timing.ringSec);
    }
    const task = await taskOrThrow(call.taskId);
    const ringing = task.status === 'offered' && task.offeredTo ? await findUser(db, task.offeredTo) : null;
    return answerForTask(task, call, ringing?.username ?? null, timing, deps.clock());
  }

  /** A direct call: no task to move, only the record and, at its end, the timeline. */
  const directEvent = (call: VoiceCall, kind: CallEvent['kind']): Promise<null> =>
    routing.act(async (ctx) => {
      const current = (await findCall(ctx.trx, call.callId)) ?? call;
      if (current.endedAt !== null) return null;
      if (kind === 'answered') {
        await saveCall(ctx.trx, { ...current, answeredAt: current.answeredAt ?? ctx.now });
        return null;
      }
      const outcome = current.answeredAt !== null ? 'talked' : kind === 'abandoned' ? 'abandoned' : 'unanswered';
      await endCall(ctx, current, outcome);
      return null;
    });

  /** The caller hung up: a waiting or ringing call is abandoned; one being talked is over (its agent wraps up). */
  const hungUp = (taskId: string): Promise<null> =>
    routing.act(async (ctx) => {
      const task = await ctx.task(taskId);
      if (task && (task.status === 'queued' || task.status === 'offered')) {
        ctx.apply(task, { at: ctx.now, taskId, queueId: task.queueId, kind: 'abandoned', reason: 'the caller hung up' });
      }
      return null;
    });

  return {
    /** Kamailio's question for a call: who to ring now. The first ask of a queue call opens its task. */
    async route(request: RouteRequest): Promise<VoiceRouteAnswer> {
      // A caller waiting in the queue asks every few seconds: that is a read, not a routing step.
      const asked = await findCall(db, request.callId);
      if (asked) return situation(asked);
      const arrival = await routing.act(async (ctx): Promise<Arrival> => {
        // Kamailio may ask twice at once for a new call (a retransmitted INVITE): the second finds the first's record.
        const known = await findCall(ctx.trx, request.callId);
        return known ? { call: known } : arrive(ctx, request);
      });
      return 'reject' in arrival ? arrival.reject : situation(arrival.call);
    },

    /** What happened to a call since Kamailio last asked; every change to its task is a routing step. */
    async event(event: CallEvent): Promise<null> {
      const call = await findCall(db, event.callId);
      if (!call) throw refuse('not-found', 'No such call.');
      if (call.taskId === null) return directEvent(call, event.kind);
      const task = await taskOrThrow(call.taskId);
      switch (event.kind) {
        case 'no-answer':
        case 'declined': {
          const agentId = event.agentId ?? task.offeredTo;
          // The offer already moved on (the sweep ended it, or another event did): nothing left to record.
          if (task.status !== 'offered' || !agentId || task.offeredTo !== agentId) return null;
          const agent = await userOrThrow(agentId);
          return event.kind === 'no-answer' ? routing.missed(agent, task.id) : routing.decline(agent, task.id);
        }
        case 'answered': {
          const agentId = event.agentId ?? task.offeredTo;
          if (!agentId) throw refuse('conflict', 'The call is not ringing anyone.');
          await routing.accept(await userOrThrow(agentId), task.id);
          return null;
        }
        case 'abandoned':
          if (task.status === 'assigned' && task.assignedTo) return complete(task.assignedTo, task.id);
          return hungUp(task.id);
        case 'ended':
          if (task.status !== 'assigned' || !task.assignedTo) return null;
          return complete(task.assignedTo, task.id);
      }
    },

    settings: (): Promise<VoiceSettings> => settings(),

    /** The desktop's softphone registered or went away; a newly reachable agent may take a waiting call at once. */
    async phone(user: User, registered: boolean): Promise<{ registered: boolean }> {
      phones.set(user.id, registered);
      if (registered) await routing.act(async () => null);
      return { registered };
    },

    /** Call after a socket has left its rooms: a phone is gone with the user's last desktop. */
    desktopLeft(userId: string): void {
      if (!deps.isConnected(userId)) phones.set(userId, false);
    },
  };

  /** The talk is over: the task goes to wrap-up (and the agent to after-call work); the observer ends the call. */
  async function complete(agentId: string, taskId: string): Promise<null> {
    await routing.complete(await userOrThrow(agentId), taskId);
    return null;
  }
}
