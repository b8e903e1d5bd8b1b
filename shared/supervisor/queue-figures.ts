import type { Queue, TaskChannel } from '../domain/routing';
import type { ContactCounts, IntervalFigures, QueueFigures } from '../protocol/supervisor';
import type { DayCounts, LiveFold } from './live-fold';

export type MemberCounts = QueueFigures['agents'];
export const NO_MEMBERS: MemberCounts = { loggedIn: 0, available: 0, busy: 0, away: 0, wrapUp: 0 };

const average = (sumMs: number, n: number): number | null => (n === 0 ? null : sumMs / n / 1000);

/** Each queue's figures for today, read off the fold; `members` says what each queue's agents are doing now. */
export function queueFigures(fold: LiveFold, queues: readonly Queue[], members: ReadonlyMap<string, MemberCounts>): QueueFigures[] {
  const waiting = new Map<string, { total: number; oldest: number | null; byChannel: Map<TaskChannel, number> }>();
  for (const wait of fold.waits.values()) {
    const entry = waiting.get(wait.queueId) ?? { total: 0, oldest: null, byChannel: new Map() };
    entry.total++;
    entry.oldest = entry.oldest === null ? wait.since : Math.min(entry.oldest, wait.since);
    if (wait.channel) entry.byChannel.set(wait.channel, (entry.byChannel.get(wait.channel) ?? 0) + 1);
    waiting.set(wait.queueId, entry);
  }
  return queues.map((queue) => {
    const tally = fold.queues.get(queue.id);
    const now = waiting.get(queue.id);
    const byChannel: Partial<Record<TaskChannel, ContactCounts>> = {};
    const zero: DayCounts = { offered: 0, answered: 0, abandoned: 0, answeredInTime: 0 };
    const channels = new Set<TaskChannel>([...(tally?.byChannel.keys() ?? []), ...(now?.byChannel.keys() ?? [])]);
    for (const channel of channels) byChannel[channel] = { ...(tally?.byChannel.get(channel) ?? zero), waiting: now?.byChannel.get(channel) ?? 0 };
    const ended = tally?.ended ?? 0;
    return {
      queueId: queue.id,
      name: queue.name,
      offered: tally?.offered ?? 0,
      answered: tally?.answered ?? 0,
      abandoned: tally?.abandoned ?? 0,
      answeredInTime: tally?.answeredInTime ?? 0,
      waiting: now?.total ?? 0,
      oldestWaitingSince: now?.oldest ?? null,
      serviceLevelPercent: ended === 0 ? null : ((tally?.answeredInTime ?? 0) * 100) / ended,
      serviceLevelTarget: queue.serviceLevel.percent,
      serviceLevelSeconds: queue.serviceLevel.seconds,
      asaSec: average(tally?.answerWaitMs ?? 0, tally?.answered ?? 0),
      ahtSec: average(tally?.handleMs ?? 0, tally?.handled ?? 0),
      agents: members.get(queue.id) ?? { ...NO_MEMBERS },
      byChannel,
    };
  });
}

/** Today's intervals that saw anything, by queue and then time (the chart leaves the quiet ones at zero). */
export function intervalFigures(fold: LiveFold): IntervalFigures[] {
  return [...fold.intervals.values()]
    .map((interval) => ({ ...interval }))
    .sort((a, b) => (a.queueId === b.queueId ? a.start - b.start : a.queueId < b.queueId ? -1 : 1));
}
