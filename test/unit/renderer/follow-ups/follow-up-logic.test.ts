import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { FollowUp } from '../../../../shared/follow-ups/follow-up';
import { newFollowUp } from '../../../../shared/follow-ups/follow-up-life';
import { endOfDay, fromDateTimeLocal, groupFollowUps, nextReminderAt, remindersDue, toDateTimeLocal } from '../../../../renderer/features/follow-ups/follow-up-logic';

const NOW = new Date(2026, 10, 24, 12, 0).getTime();
const HOUR = 3_600_000;
const make = (dueAt: number, status: FollowUp['status'] = 'scheduled'): FollowUp => ({
  ...newFollowUp({ followUpId: ulid(), lineId: ulid(), customerId: ulid(), kind: 'callback', dueAt, assigneeId: null, queueId: ulid(), priority: 'normal', notes: '' }, 'agent', null, 0),
  status,
});

describe('My follow-ups', () => {
  it('groups overdue first, then due later today, then upcoming; closed ones are left out', () => {
    const late = make(NOW - 2 * HOUR);
    const lateDue = make(NOW - HOUR, 'due');
    const today = make(NOW + HOUR);
    const tomorrow = make(endOfDay(NOW) + HOUR);
    const done = make(NOW - HOUR, 'done');
    const groups = groupFollowUps([tomorrow, today, done, lateDue, late], NOW);
    expect(groups.overdue.map((f) => f.id)).toEqual([late.id, lateDue.id]);
    expect(groups.today.map((f) => f.id)).toEqual([today.id]);
    expect(groups.upcoming.map((f) => f.id)).toEqual([tomorrow.id]);
  });

  it('reminds once per follow-up whose time has come, and knows when to look next', () => {
    const due = make(NOW - 1);
    const later = make(NOW + HOUR);
    const cancelled = make(NOW - 1, 'cancelled');
    expect(remindersDue([due, later, cancelled], NOW, new Set()).map((f) => f.id)).toEqual([due.id]);
    expect(remindersDue([due, later], NOW, new Set([due.id]))).toEqual([]);
    expect(nextReminderAt([due, later, cancelled], NOW)).toBe(later.dueAt);
    expect(nextReminderAt([due], NOW)).toBeNull();
  });

  it('reads and writes the date-time field in local time, refusing what is not a time', () => {
    expect(fromDateTimeLocal(toDateTimeLocal(NOW))).toBe(NOW);
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('2026-13-40')).toBeNull();
  });
});
