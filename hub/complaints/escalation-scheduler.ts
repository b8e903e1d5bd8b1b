import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import type { Complaint } from '../../shared/complaints/complaint';
import { type Escalation, dueEscalations, nextEscalationAt } from '../../shared/complaints/escalation';
import { complaintClockInputs, slaClock } from '../../shared/complaints/sla';
import type { ComplaintEscalationNotice, ComplaintSettings } from '../../shared/protocol/complaints';
import type { Clock } from '../clock';
import type { ChangeDraft } from '../db/change-log';
import { findCustomer } from '../db/customer-queries';
import { insertInteractions } from '../db/interaction-queries';
import type { Database, Queryable } from '../db/schema';
import { listUsers } from '../db/user-queries';
import type { Logger } from '../log';
import { complaintLine } from './complaint-line';
import { listOpenComplaints, readComplaintSettings, recordEscalation, sentEscalationKeys } from './complaint-queries';

export type EscalationSchedulerDeps = {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  /** One transaction in the write queue whose drafts are appended to the change log and broadcast; answers what `work` returned. */
  write: <T>(work: (trx: Queryable, drafts: ChangeDraft[]) => Promise<T>) => Promise<T>;
  /** Hands the notice to these users' desktops. */
  notify: (userIds: readonly string[], notice: ComplaintEscalationNotice) => void;
};

/** A timer never waits longer than this, so a clock that jumped (or a settings change missed) is seen within the hour. */
const MAX_WAIT_MS = 60 * 60_000;

/**
 * Who hears of one escalation: the chain's member at its level, or with no
 * chain every supervisor (level 1) or every administrator (level 2 and up);
 * and every supervisor as well, since they watch all complaints.
 */
export function recipientsOf(escalation: Escalation, users: readonly { id: string; role: string }[]): string[] {
  const supervisors = users.filter((user) => user.role === 'supervisor').map((user) => user.id);
  const fallback = escalation.level === 1 ? supervisors : users.filter((user) => user.role === 'admin').map((user) => user.id);
  const chosen = escalation.recipientId !== null ? [escalation.recipientId] : fallback;
  return [...new Set([...chosen, ...supervisors])];
}

/**
 * SLA escalations for open complaints. One timer for the whole hub, set for
 * the earliest instant any step of any open complaint falls due; each pass
 * sends what is due (recorded first, so each key goes out once, across
 * restarts and hub nodes) and sets the timer again. A committed complaint
 * change asks for a pass, since it can start, stop or pause a clock.
 */
export function createEscalationScheduler(deps: EscalationSchedulerDeps) {
  const { db, clock, log } = deps;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  async function send(complaint: Complaint, escalation: Escalation, dueAt: number | null, users: readonly { id: string; role: string; displayName: string }[]): Promise<void> {
    const recipients = recipientsOf(escalation, users);
    const names = recipients.map((id) => users.find((user) => user.id === id)?.displayName ?? id).join(', ');
    const recorded = await deps.write(async (trx, drafts) => {
      if (!(await recordEscalation(trx, escalation.key, complaint.id, clock()))) return false;
      const text = `${escalation.clock} ${escalation.reason} at ${escalation.atPercent} % → level ${escalation.level}${escalation.topOfChain ? ' (top of chain)' : ''}: ${names || 'nobody to tell'}`;
      const line = complaintLine({ id: ulid(clock()), complaint, step: 'escalated', at: clock(), agentId: null, text });
      await insertInteractions(trx, [line]);
      drafts.push({ entity: 'interaction', op: 'put', data: line });
      return true;
    });
    if (!recorded) return;
    const customer = await findCustomer(db, complaint.customerId);
    deps.notify(recipients, {
      key: escalation.key,
      complaintId: complaint.id,
      customerId: complaint.customerId,
      customerName: customer?.name ?? '',
      clock: escalation.clock,
      reason: escalation.reason,
      level: escalation.level,
      dueAt,
    });
  }

  /** Sends what is due now; answers when the next step falls due (null: none will as things stand). */
  async function pass(): Promise<number | null> {
    const settings: ComplaintSettings = await readComplaintSettings(db);
    const open = await listOpenComplaints(db);
    if (open.length === 0) return null;
    const sent = await sentEscalationKeys(db, open.map((complaint) => complaint.id));
    const users = await listUsers(db);
    let next: number | null = null;
    for (const complaint of open) {
      const now = clock();
      const inputs = complaintClockInputs(complaint, settings.sla, now);
      const clocks = [slaClock(inputs.firstResponse), slaClock(inputs.resolution)];
      for (const escalation of dueEscalations({ complaintId: complaint.id, clocks, settings: settings.escalation, chain: settings.chain ?? [], sent })) {
        const dueAt = clocks.find((c) => c.kind === escalation.clock)?.dueAt ?? null;
        await send(complaint, escalation, dueAt, users);
        sent.add(escalation.key);
      }
      const at = nextEscalationAt(complaint.id, [inputs.firstResponse, inputs.resolution], settings.escalation, sent);
      if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  }

  function arm(next: number | null): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    const wait = next === null ? MAX_WAIT_MS : Math.min(Math.max(next - clock(), 0), MAX_WAIT_MS);
    timer = setTimeout(() => void sweep(), wait);
    timer.unref();
  }

  /** One pass now; a call while one runs asks for one more after it (the change it reports may have moved a clock). */
  function sweep(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          arm(await pass());
        } while (again);
      } catch (error) {
        log.error('complaint escalations could not run', error);
        arm(null);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    sweep,
    /** Starts with a pass (anything that fell due while the hub was down goes out now); returns the stop. */
    start(): () => void {
      stopped = false;
      void sweep();
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        timer = null;
      };
    },
    /** Settles: resolves once no pass is running (tests and shutdown). */
    idle: (): Promise<void> => running ?? Promise.resolve(),
  };
}
