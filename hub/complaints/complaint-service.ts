import type { Kysely } from 'kysely';
import type { Complaint } from '../../shared/complaints/complaint';
import type { Change } from '../../shared/protocol/changes';
import type { SmsSettings } from '../../shared/protocol/sms';
import type { VisitorServer } from '../chat/chat-context';
import type { Clock } from '../clock';
import type { Presence } from '../cluster/presence';
import type { ChangeDraft } from '../db/change-log';
import { commitInQueue } from '../db/commit-changes';
import type { Database, Queryable } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import { type HubServer, userRoom } from '../socket/hub-socket';
import type { SmsProvider } from '../sms/provider';
import type { ComplaintStep } from './complaint-line';
import { createComplaintRoutes } from './complaint-routes';
import { createCustomerTold } from './customer-told';
import { createEscalationScheduler } from './escalation-scheduler';

export type ComplaintServiceDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  io: HubServer;
  visitors: VisitorServer;
  presence: Presence;
  log: Logger;
  /** The sync broadcast for the hub's own lines (escalated, customer told, the mail or text sent). */
  broadcast: (changes: Change[]) => void;
  smsProvider: (settings: SmsSettings) => SmsProvider;
};

/** Told of every committed step of a complaint (after the commit): follow-ups and surveys subscribe. */
export type ComplaintStepListener = (complaint: Complaint, step: ComplaintStep) => void;

/** The steps a person takes (logged or a workflow event); the hub's own lines (escalated, customer told) are not steps. */
const PERSON_STEPS: ReadonlySet<ComplaintStep> = new Set(['logged', 'acknowledge', 'investigate', 'await-customer', 'customer-replied', 'resolve', 'close', 'reopen', 'assign']);

/**
 * Complaints in the hub: the socket routes, the SLA escalation timer, the
 * customer's acknowledgement and resolution messages, and the hook other
 * areas observe steps by. Mutations are applied by the sync push
 * (log-complaint.ts, act-complaint.ts); `committed` hears what they wrote.
 */
export function createComplaintService(deps: ComplaintServiceDeps) {
  const { db, writeQueue, log } = deps;
  const listeners = new Set<ComplaintStepListener>();

  const commit = commitInQueue({ db, writeQueue, broadcast: (changes) => deps.broadcast(changes) });
  /** One transaction in the write queue; the drafts the work collects are appended and broadcast in seq order. */
  const write = <T>(work: (trx: Queryable, drafts: ChangeDraft[]) => Promise<T>): Promise<T> =>
    commit(async (trx) => {
      const drafts: ChangeDraft[] = [];
      return { result: await work(trx, drafts), drafts };
    });

  const scheduler = createEscalationScheduler({
    db,
    clock: deps.clock,
    log,
    write,
    notify: (userIds, notice) => {
      for (const id of userIds) deps.io.to(userRoom(id)).emit('complaint:escalation', notice);
    },
  });
  const tell = createCustomerTold({ db, clock: deps.clock, io: deps.io, visitors: deps.visitors, presence: deps.presence, write: (work) => write(work), smsProvider: deps.smsProvider });
  // Messages go out one after another, so an acknowledgement never arrives after the resolution it preceded.
  let telling: Promise<void> = Promise.resolve();

  /**
   * After a commit (the sync push's broadcast, inside the write queue): tells
   * listeners of each step, queues the customer's message and re-arms the
   * escalation timer. Nothing here waits for the write queue.
   */
  function committed(changes: readonly Change[]): void {
    const complaints = new Map<string, Complaint>();
    for (const change of changes) if (change.entity === 'complaint') complaints.set(change.data.id, change.data);
    if (complaints.size === 0) return;
    for (const change of changes) {
      if (change.entity !== 'interaction' || change.data.channel !== 'complaint' || !PERSON_STEPS.has(change.data.step)) continue;
      const complaint = complaints.get(change.data.complaintId);
      if (!complaint) continue;
      const { step, agentId } = change.data;
      for (const listener of listeners) {
        try {
          listener(complaint, step);
        } catch (error) {
          log.error(`a complaint step listener failed on ${step}`, error);
        }
      }
      if (step === 'acknowledge' || step === 'resolve') {
        telling = telling.then(() => tell(complaint, step, agentId)).catch((error: unknown) => log.error(`could not tell the customer of complaint ${complaint.id}`, error));
      }
    }
    void scheduler.sweep();
  }

  return {
    routes: createComplaintRoutes({ db, writeQueue, clock: deps.clock, settingsSaved: () => void scheduler.sweep() }),
    committed,
    /** Subscribes to committed steps; returns the unsubscribe. */
    onStep(listener: ComplaintStepListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Starts the escalation timer; returns the stop. */
    start: scheduler.start,
    /** Sends the escalations due now (tests call it after moving the clock). */
    sweep: scheduler.sweep,
    /** Settles: no escalation pass running and every customer message sent (tests and shutdown). */
    idle: async (): Promise<void> => {
      await telling;
      await scheduler.idle();
    },
  };
}

export type ComplaintService = ReturnType<typeof createComplaintService>;
