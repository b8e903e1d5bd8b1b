import type { Kysely } from 'kysely';
import type { CountryCode } from 'libphonenumber-js/min';
import { LIVE_CHANNELS } from '../../shared/domain/routing';
import type { User } from '../../shared/domain/user';
import type { TaskView } from '../../shared/protocol/routing';
import { formatPhone } from '../../shared/phone/e164';
import type { CallHold, CallHoldAnswer, CustomerLink, CustomerLinked, VoiceCallEventSchema, VoiceRouteAnswer, VoiceRouteRequestSchema, VoiceSettings } from '../../shared/protocol/voice';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { linkCustomer } from '../customers/link-customer';
import { resolveCustomer } from '../customers/resolve-customer';
import { findTask } from '../db/routing-queries';
import type { Database, Queryable } from '../db/schema';
import { findUser, findUserForLogin } from '../db/user-queries';
import { type CallOutcome, findCall, findCallByTask, findHold, readVoiceSettings, saveCall, saveHold, type VoiceCall } from '../db/voice-queries';
import type { Logger } from '../log';
import type { RoutingService, StepContext } from '../routing/routing-service';
import { refuse } from '../sync/refusal';
import { endCall, logCall } from './call-end';
import { callTaskObserver } from './call-observer';
import { HOME_ONLY, looksDialled } from './dial-policy';
import { answerForOutbound, decideOutbound, type OutboundLine } from './outbound-call';
import { type CallerId, callerOf, callSubject } from './caller-id';
import { holdChanged, NO_HOLD } from './hold-time';
import type { PhoneRegistry } from './phone-registry';
import { answerForDirect, answerForTask } from './route-answer';
import { visitorArrival } from './visitor-call';

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
  /** The carrier trunk agents dial customers through; absent: none, and dialling a number is refused. */
  outbound?: OutboundLine;
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
  const line: OutboundLine = deps.outbound ?? { trunk: null, callerId: null, allow: HOME_ONLY };

  routing.observe(LIVE_CHANNELS, callTaskObserver(log));
  routing.writeWrapUps(async (ctx, task, wrapUp) => {
    const call = await findCallByTask(ctx.trx, task.id);
    if (!call) return false;
    // Wrapped up before the BYE reached the hub: the talk ends now.
    const ended = call.endedAt === null ? await endCall(ctx, call, 'talked') : call;
    const logged = await logCall(ctx, ended, { disposition: wrapUp.disposition, notes: wrapUp.note });
    return Boolean(logged.interactionId);
  });

  /**
   * The voice settings change only when an admin saves them (voice-routes
   * calls settingsSaved), yet every call's arrival and route answer needs
   * them: kept in memory instead of read and parsed again each time. A read
   * that overlapped a save is not kept. A miss reads through `q`, the step's
   * transaction when there is one (SQLite has one connection).
   */
  let knownSettings: VoiceSettings | null = null;
  let settingsVersion = 0;
  async function settings(q: Queryable = db): Promise<VoiceSettings> {
    if (knownSettings) return knownSettings;
    const version = settingsVersion;
    const read = await readVoiceSettings(q, deps.sipDomain);
    if (version === settingsVersion) knownSettings = read;
    return read;
  }

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

  /**
   * The customer who owns the caller's number; a number nobody owns gets a
   * provisional customer now (as a web visitor does), so even a caller who
   * hangs up in the queue is on a timeline, and the desktop's screen pop can
   * save or link them. A withheld number gets nobody: there is nothing to
   * recognise the next call by, and the call stays in `voice_calls`.
   */
  async function customerOf(ctx: StepContext, caller: CallerId): Promise<string | null> {
    if (caller.number === null) return null;
    const contact = { kind: 'phone' as const, value: caller.number, name: caller.name || formatPhone(caller.number) };
    return (await resolveCustomer({ trx: ctx.trx, drafts: ctx.drafts, now: ctx.now, defaultRegion: deps.defaultRegion }, contact))?.customerId ?? null;
  }

  /** A call Kamailio asks about for the first time: a queue number opens a task, an agent's username rings them. */
  async function arrive(ctx: StepContext, request: RouteRequest): Promise<Arrival> {
    const { numbers } = await settings(ctx.trx);
    const dialled = request.dialled.toLowerCase();
    const number = numbers.find((candidate) => candidate.dialled.toLowerCase() === dialled);
    const callerId = callerOf(request, deps.defaultRegion);
    // The caller is resolved (or made provisional) only once the call is taken: a refused call leaves no customer behind.
    const record = async (taskId: string | null, agentId: string | null, customerId: string | null): Promise<VoiceCall> => {
      const call: VoiceCall = {
        callId: request.callId,
        taskId,
        dialled: request.dialled,
        caller: callerId.number,
        callerName: callerId.name,
        customerId,
        agentId,
        arrivedAt: ctx.now,
        answeredAt: null,
        endedAt: null,
        outcome: null,
        callbackTaskId: null,
        direction: 'inbound',
        interactionId: null,
      };
      await saveCall(ctx.trx, call);
      return call;
    };
    if (request.visitor) {
      // A web visitor's call from the chat widget: only their chat's queue, as the chat's customer.
      const visitor = await visitorArrival(ctx.trx, request.fromUser, number?.queueId ?? null, ctx.queues, request.video);
      if ('reject' in visitor) return visitor;
      const task = await ctx.openTask({ channel: visitor.channel, queueId: visitor.queueId, customerId: visitor.customerId, priority: CALL_PRIORITY, subject: `Web call from ${visitor.name}` });
      return { call: await record(task.id, null, visitor.customerId) };
    }
    if (number) {
      const queue = ctx.queues.get(number.queueId);
      if (!queue?.channels.includes('call')) return { reject: { action: 'reject', status: 503, reason: `${request.dialled} is not taking calls now` } };
      const customerId = await customerOf(ctx, callerId);
      const task = await ctx.openTask({ channel: 'call', queueId: queue.id, customerId, priority: CALL_PRIORITY, subject: callSubject(callerId) });
      return { call: await record(task.id, null, customerId) };
    }
    const agent = await findUserForLogin(ctx.trx, request.dialled);
    if (!agent) return looksDialled(request.dialled) ? dialOut(ctx, request) : { reject: { action: 'reject', status: 404, reason: `no number ${request.dialled}` } };
    if (!phones.isRegistered(agent.user.id)) return { reject: { action: 'reject', status: 480, reason: `${agent.user.username} is not reachable by phone now` } };
    return { call: await record(null, agent.user.id, await customerOf(ctx, callerId)) };
  }

  /**
   * An agent dials a customer's number: allowed (hub/voice/outbound-call.ts),
   * it is recorded as an outbound call with no task, on the customer who owns
   * the number; a number nobody owns gets a provisional customer, as an
   * unknown caller does, so every call is on a timeline and can be linked later.
   */
  async function dialOut(ctx: StepContext, request: RouteRequest): Promise<Arrival> {
    const dialler = request.agent === undefined ? null : ((await findUserForLogin(ctx.trx, request.agent))?.user ?? null);
    const decision = decideOutbound(dialler, request.dialled, line, deps.defaultRegion);
    if (!decision.ok) return { reject: decision.answer };
    const call: VoiceCall = {
      callId: request.callId,
      taskId: null,
      dialled: decision.e164,
      caller: null,
      callerName: '',
      customerId: await customerOf(ctx, { number: decision.e164, name: '' }),
      agentId: decision.agentId,
      arrivedAt: ctx.now,
      answeredAt: null,
      endedAt: null,
      outcome: null,
      callbackTaskId: null,
      direction: 'outbound',
      interactionId: null,
    };
    await saveCall(ctx.trx, call);
    return { call };
  }

  /** Where the call stands now, as committed: who to ring, or wait, or release. */
  async function situation(call: VoiceCall): Promise<VoiceRouteAnswer> {
    if (call.direction === 'outbound') return answerForOutbound(call, line.callerId);
    const timing = await settings();
    if (call.taskId === null) {
      const agent = call.agentId ? await findUser(db, call.agentId) : null;
      if (!agent) return { action: 'reject', status: 404, reason: 'the agent no longer exists' };
      return answerForDirect(call, agent.username, phones.isRegistered(agent.id), timing.ringSec);
    }
    const task = await taskOrThrow(call.taskId);
    // The offered agent, or the one it was assigned to without an offer who has not picked up yet.
    const holder = task.status === 'offered' ? task.offeredTo : task.status === 'assigned' && call.answeredAt === null ? task.assignedTo : null;
    const ringing = holder ? await findUser(db, holder) : null;
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
      await endCall(ctx, current, directOutcome(current, kind));
      return null;
    });

  /**
   * A call assigned without an offer (auto-accept, a supervisor's hand) rings
   * its agent; answered, it is theirs. Not picked up, it goes back to its
   * queue (the agent hands it back, so it is not offered to them again); the
   * caller gone meanwhile, it ends abandoned.
   */
  const pickedUp = (callId: string, agentId: string): Promise<null> =>
    routing.act(async (ctx) => {
      const current = await findCall(ctx.trx, callId);
      if (current && current.answeredAt === null) await saveCall(ctx.trx, { ...current, agentId, answeredAt: ctx.now });
      return null;
    });
  const notPickedUp = (taskId: string, callerLeft: boolean): Promise<null> =>
    routing.act(async (ctx) => {
      const task = await ctx.task(taskId);
      if (task?.status !== 'assigned' || !task.assignedTo) return null;
      const base = { at: ctx.now, taskId, queueId: task.queueId };
      const requeued = ctx.apply(task, { ...base, kind: 'transferred', agentId: task.assignedTo, to: { kind: 'queue', queueId: task.queueId } });
      if (callerLeft) ctx.apply(requeued, { ...base, kind: 'abandoned', reason: 'the caller hung up' });
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
          if (task.status === 'assigned' && call.answeredAt === null) {
            return !event.agentId || event.agentId === task.assignedTo ? notPickedUp(task.id, false) : null;
          }
          const agentId = event.agentId ?? task.offeredTo;
          // The offer already moved on (the sweep ended it, or another event did): nothing left to record.
          if (task.status !== 'offered' || !agentId || task.offeredTo !== agentId) return null;
          const agent = await userOrThrow(agentId);
          return event.kind === 'no-answer' ? routing.missed(agent, task.id) : routing.decline(agent, task.id);
        }
        case 'answered': {
          if (task.status === 'assigned' && call.answeredAt === null) {
            if (event.agentId && event.agentId !== task.assignedTo) throw refuse('conflict', 'The call was assigned to another agent.');
            return task.assignedTo ? pickedUp(call.callId, task.assignedTo) : null;
          }
          const agentId = event.agentId ?? task.offeredTo;
          if (!agentId) throw refuse('conflict', 'The call is not ringing anyone.');
          await routing.accept(await userOrThrow(agentId), task.id);
          return null;
        }
        case 'abandoned':
          if (task.status === 'assigned' && call.answeredAt === null) return notPickedUp(task.id, true);
          if (task.status === 'assigned' && task.assignedTo) return complete(task.assignedTo, task.id);
          return hungUp(task.id);
        case 'ended':
          if (task.status !== 'assigned' || !task.assignedTo) return null;
          return complete(task.assignedTo, task.id);
      }
    },

    settings: (): Promise<VoiceSettings> => settings(),

    /** An admin saved the voice settings: the next call reads them afresh. */
    settingsSaved(): void {
      knownSettings = null;
      settingsVersion += 1;
    },

    /** The screen pop's "link to existing customer" (hub/customers/link-customer.ts), as one routing step. */
    linkCaller: (request: CustomerLink): Promise<CustomerLinked> => routing.act((ctx) => linkCustomer(ctx, request)),

    /**
     * The agent on the call put it on hold or took it off (their desktop says
     * so; Kamailio only sees re-INVITEs). The hub's clock times it; a repeated
     * hold or resume changes nothing. Run inside the write queue.
     */
    async hold(user: User, request: CallHold): Promise<CallHoldAnswer> {
      return db.transaction().execute(async (trx) => {
        const call = await findCall(trx, request.callId);
        if (!call) throw refuse('not-found', 'No such call.');
        if (call.answeredAt === null) throw refuse('conflict', 'The call has not been answered.');
        if (call.agentId !== user.id) throw refuse('forbidden', 'Only the agent on this call can hold it.');
        if (call.endedAt !== null) throw refuse('conflict', 'The call has ended.');
        const tally = holdChanged((await findHold(trx, call.callId)) ?? NO_HOLD, request.held, deps.clock());
        await saveHold(trx, call.callId, tally);
        return { held: tally.heldSince !== null, holds: tally.holds };
      });
    },

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

/** How a direct call ended: talked, or nobody took it (the caller gave up, the agent declined, or it rang out). */
function directOutcome(call: VoiceCall, kind: CallEvent['kind']): CallOutcome {
  if (call.answeredAt !== null) return 'talked';
  if (kind === 'abandoned') return 'abandoned';
  return kind === 'declined' ? 'declined' : 'unanswered';
}
