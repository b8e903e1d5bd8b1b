import { describe, expect, it } from 'vitest';
import {
  formatTimer,
  inboxOrder,
  requestForChoice,
  secondsLeft,
  shortcutFor,
  slaLevel,
  slaWaitSec,
  stateChoice,
  taskTimerSec,
} from '../../../../../renderer/features/inbox/inbox-logic';
import { makeQueue, makeTask, T0 } from './routing-fixtures';

const key = (code: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  code,
  ...mods,
});

describe('SLA colour', () => {
  const queue = makeQueue({ serviceLevel: { percent: 80, seconds: 20 }, maxWaitSec: 120 });

  it('is green within the service level, amber until max wait, red from max wait', () => {
    expect(slaLevel(0, queue)).toBe('ok');
    expect(slaLevel(19, queue)).toBe('ok');
    expect(slaLevel(20, queue)).toBe('warn');
    expect(slaLevel(119, queue)).toBe('warn');
    expect(slaLevel(120, queue)).toBe('breach');
  });

  it('is green when the queue is unknown', () => {
    expect(slaLevel(9999, undefined)).toBe('ok');
  });

  it('counts the wait live while ringing and freezes it once answered', () => {
    const offered = makeTask({ status: 'offered', queuedAt: T0 });
    expect(slaWaitSec(offered, T0 + 5_000, T0 + 30_000)).toBe(30);
    const assigned = makeTask({ status: 'assigned', queuedAt: T0 });
    expect(slaWaitSec(assigned, T0 + 12_000, T0 + 600_000)).toBe(12);
  });
});

describe('timers', () => {
  it('formats as m:ss and h:mm:ss', () => {
    expect(formatTimer(0)).toBe('0:00');
    expect(formatTimer(7)).toBe('0:07');
    expect(formatTimer(754)).toBe('12:34');
    expect(formatTimer(3723)).toBe('1:02:03');
    expect(formatTimer(-5)).toBe('0:00');
  });

  it('shows the customer wait while offered and the time in status afterwards', () => {
    const offered = makeTask({ status: 'offered', createdAt: T0 });
    expect(taskTimerSec(offered, T0 + 40_000, T0 + 45_000)).toBe(45);
    const assigned = makeTask({ status: 'assigned', createdAt: T0 });
    expect(taskTimerSec(assigned, T0 + 40_000, T0 + 45_000)).toBe(5);
  });

  it('counts down whole seconds, never below zero', () => {
    expect(secondsLeft(T0 + 10_000, T0)).toBe(10);
    expect(secondsLeft(T0 + 9_001, T0)).toBe(10);
    expect(secondsLeft(T0, T0 + 1_000)).toBe(0);
  });
});

describe('keyboard shortcuts', () => {
  it('maps Alt+A, Alt+D and Alt+W by physical key', () => {
    expect(shortcutFor(key('KeyA'))).toBe('accept');
    expect(shortcutFor(key('KeyD'))).toBe('decline');
    expect(shortcutFor(key('KeyW'))).toBe('wrapup');
  });

  it('ignores other keys and other modifier combinations', () => {
    expect(shortcutFor(key('KeyA', { altKey: false }))).toBeNull();
    expect(shortcutFor(key('KeyA', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('KeyA', { metaKey: true }))).toBeNull();
    expect(shortcutFor(key('KeyA', { shiftKey: true }))).toBeNull();
    expect(shortcutFor(key('KeyQ'))).toBeNull();
  });
});

describe('agent state choices', () => {
  it('round-trips between the hub state and the select value', () => {
    expect(stateChoice(null)).toBe('');
    expect(stateChoice({ status: 'available', since: T0 })).toBe('available');
    expect(stateChoice({ status: 'away', since: T0, reasonCode: 'lunch' })).toBe('away:lunch');
    expect(stateChoice({ status: 'wrap-up', since: T0, until: T0 + 1 })).toBe('wrap-up');
    expect(requestForChoice('available')).toEqual({ status: 'available' });
    expect(requestForChoice('offline')).toEqual({ status: 'offline' });
    expect(requestForChoice('away:lunch')).toEqual({ status: 'away', reasonCode: 'lunch' });
    expect(requestForChoice('away:')).toBeNull();
    expect(requestForChoice('wrap-up')).toBeNull();
  });
});

describe('inbox order', () => {
  it('lists ringing work first, then work in hand, then wrap-up, oldest first', () => {
    const a = makeTask({ status: 'assigned', createdAt: T0 + 1 });
    const w = makeTask({ status: 'wrap-up', createdAt: T0 });
    const o2 = makeTask({ status: 'offered', createdAt: T0 + 5 });
    const o1 = makeTask({ status: 'offered', createdAt: T0 + 2 });
    expect(inboxOrder([a, w, o2, o1]).map((t) => t.id)).toEqual([o1.id, o2.id, a.id, w.id]);
  });
});
