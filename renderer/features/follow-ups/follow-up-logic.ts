import type { FollowUp } from '../../../shared/follow-ups/follow-up';
import { isOverdue } from '../../../shared/follow-ups/follow-up-life';

/** Pure helpers for the follow-up screens: grouping, reminders, the date-time field. */

export type FollowUpGroups = { overdue: FollowUp[]; today: FollowUp[]; upcoming: FollowUp[] };

const isOpen = (followUp: FollowUp): boolean => followUp.status === 'scheduled' || followUp.status === 'due';

/** The end of the local day `now` falls in (the agent's "today"). */
export function endOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(24, 0, 0, 0);
  return day.getTime();
}

/** Open follow-ups as "My follow-ups" shows them: overdue first, then due later today, then upcoming; each soonest first. */
export function groupFollowUps(followUps: readonly FollowUp[], now: number): FollowUpGroups {
  const open = followUps.filter(isOpen).sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
  const dayEnd = endOfDay(now);
  return {
    overdue: open.filter((f) => isOverdue(f, now)),
    today: open.filter((f) => !isOverdue(f, now) && f.dueAt < dayEnd),
    upcoming: open.filter((f) => f.dueAt >= dayEnd),
  };
}

/** Follow-ups whose time has come and that this desktop has not reminded the agent of yet: one reminder each. */
export function remindersDue(followUps: readonly FollowUp[], now: number, reminded: ReadonlySet<string>): FollowUp[] {
  return followUps.filter((f) => isOpen(f) && f.dueAt <= now && !reminded.has(f.id));
}

/** When to look again for the next reminder: the soonest open due time still ahead, or null. */
export function nextReminderAt(followUps: readonly FollowUp[], now: number): number | null {
  let next: number | null = null;
  for (const f of followUps) if (isOpen(f) && f.dueAt > now && (next === null || f.dueAt < next)) next = f.dueAt;
  return next;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An `<input type="datetime-local">` value for `ms` in the desktop's time zone. */
export function toDateTimeLocal(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The epoch ms of a `datetime-local` value in the desktop's time zone, or null when it is empty or not a time. */
export function fromDateTimeLocal(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi).getTime();
  return Number.isNaN(at) ? null : at;
}

/** A sensible default due time: tomorrow at 10:00 local. */
export function defaultDue(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  return d.getTime();
}
