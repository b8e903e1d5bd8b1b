import type { Queue, TaskChannel } from '../../shared/domain/routing';
import type { FollowUp, FollowUpPriority } from '../../shared/follow-ups/follow-up';
import type { Clock } from '../clock';
import { findProfile } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import type { Logger } from '../log';
import type { RoutingService, StepContext } from '../routing/routing-service';
import { nextScheduledDue, saveFollowUp, scheduledDueBy } from './follow-up-store';

/** Task priority per follow-up priority: a high one waits beside a callback (40), none jumps a live caller. */
const TASK_PRIORITY: Record<FollowUpPriority, number> = { low: 20, normal: 30, high: 40 };

/** Follow-ups turned due per routing step: a backlog after downtime goes out in a few steps, not one huge one. */
const BATCH = 100;

/**
 * The longest the one timer sleeps: the due instant is read off the hub's
 * clock, which may jump (a corrected system clock, a test's); waking at least
 * this often catches any follow-up a jump made due.
 */
const MAX_SLEEP_MS = 60_000;

export type FollowUpScheduler = {
  /** Turns every follow-up due by now into a routed task; answers how many. Tests call it after moving the clock. */
  check(): Promise<number>;
  /** Something was scheduled or rescheduled: set the timer again. */
  nudge(): void;
  start(): () => void;
};

/**
 * How a due follow-up reaches the customer: by phone when they have a number,
 * else by email when they have an address. With neither, no task is routed:
 * the follow-up turns due and stays on its assignee's list (and the overdue
 * list) for the agent to work by hand.
 */
async function channelFor(db: Queryable, customerId: string): Promise<TaskChannel | null> {
  const kinds = await db.selectFrom('identities').select('kind').where('customer_id', '=', customerId).execute();
  if (kinds.some((row) => row.kind === 'phone')) return 'call';
  if (kinds.some((row) => row.kind === 'email')) return 'email';
  return null;
}

/** The follow-up's own queue when it takes the channel, else the assignee's first that does, else (nobody named) the first that does. */
async function queueFor(ctx: StepContext, followUp: FollowUp, channel: TaskChannel): Promise<Queue | null> {
  const takes = (queue: Queue | undefined): queue is Queue => queue?.channels.includes(channel) ?? false;
  const own = followUp.queueId ? ctx.queues.get(followUp.queueId) : undefined;
  if (takes(own)) return own;
  if (followUp.assigneeId) {
    const profile = await findProfile(ctx.trx, followUp.assigneeId);
    const theirs = profile?.queueIds.map((id) => ctx.queues.get(id)).find(takes);
    if (theirs) return theirs;
  }
  if (followUp.assigneeId === null && followUp.queueId === null) return [...ctx.queues.values()].find(takes) ?? null;
  return null;
}

/** One due follow-up, in a routing step: its task (preferred agent = the assignee), or none; status due either way. */
async function turnDue(ctx: StepContext, followUp: FollowUp): Promise<FollowUp> {
  const channel = await channelFor(ctx.trx, followUp.customerId);
  const queue = channel ? await queueFor(ctx, followUp, channel) : null;
  let taskId: string | null = null;
  if (channel && queue) {
    const task = await ctx.openTask({
      channel,
      queueId: queue.id,
      customerId: followUp.customerId,
      priority: TASK_PRIORITY[followUp.priority],
      subject: `Follow-up: ${followUp.kind}`,
      preferredAgentId: followUp.assigneeId,
    });
    taskId = task.id;
  }
  const due: FollowUp = { ...followUp, status: 'due', taskId, updatedAt: Math.max(followUp.updatedAt, ctx.now) };
  await saveFollowUp(ctx.trx, due);
  ctx.drafts.push({ entity: 'followUp', op: 'put', data: due });
  return due;
}

/**
 * Follow-ups fall due on the hub's clock: one timer for the next due instant,
 * set again after each change; a due follow-up becomes a routing task in a
 * routing step (one transaction with the task it opens). Nothing is kept in
 * memory but the timer, so a restarted hub finds what fell due while it was
 * down at its first check.
 */
export function createFollowUpScheduler(deps: { db: Queryable; routing: RoutingService; clock: Clock; log: Logger }): FollowUpScheduler {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;

  const check = async (): Promise<number> => {
    let turned = 0;
    for (let guard = 0; guard < 1000; guard += 1) {
      const batch = await deps.routing.act(async (ctx) => {
        const due = await scheduledDueBy(ctx.trx, ctx.now, BATCH);
        for (const followUp of due) await turnDue(ctx, followUp);
        return due.length;
      });
      turned += batch;
      if (batch < BATCH) break;
    }
    return turned;
  };

  const arm = async (): Promise<void> => {
    if (!running) return;
    const next = await nextScheduledDue(deps.db);
    if (!running) return;
    if (timer) clearTimeout(timer);
    const sleep = next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, next - deps.clock()));
    timer = setTimeout(wake, sleep);
    timer.unref();
  };

  const wake = (): void => {
    timer = null;
    check()
      .catch((error: unknown) => deps.log.error('follow-up check failed', error))
      .finally(() => {
        arm().catch((error: unknown) => deps.log.error('follow-up timer failed', error));
      });
  };

  return {
    check,
    nudge() {
      arm().catch((error: unknown) => deps.log.error('follow-up timer failed', error));
    },
    start() {
      running = true;
      wake();
      return () => {
        running = false;
        if (timer) clearTimeout(timer);
        timer = null;
      };
    },
  };
}
