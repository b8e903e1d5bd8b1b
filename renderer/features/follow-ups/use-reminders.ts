import { useEffect, useRef, useState } from 'react';
import type { FollowUp } from '../../../shared/follow-ups/follow-up';
import { useDb } from '../../db/context';
import { useT } from '../../i18n/locale-store';
import { getPlatform } from '../../platform/platform';
import { nextReminderAt, remindersDue } from './follow-up-logic';
import { useFollowUpUi } from './follow-up-ui';

/** Remembered in the cache, so a restarted desktop does not remind the agent again. */
const REMINDED_KEY = 'followUps.reminded';
const REMEMBER_MAX = 500;

/**
 * The clock as of this render, and a wake-up at the next due time (at least
 * every minute), so the list regroups and reminders fire on time; a render
 * for any other reason (a change from the hub) reads the clock afresh too.
 */
export function useDueClock(followUps: readonly FollowUp[]): number {
  const [wakes, setWakes] = useState(0);
  const now = Date.now();
  const next = nextReminderAt(followUps, now);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `wakes` re-arms the timer after each wake, even when the next due time is unchanged
  useEffect(() => {
    const wait = next === null ? 60_000 : Math.min(60_000, Math.max(250, next - Date.now()));
    const timer = setTimeout(() => setWakes((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [next, wakes]);
  return now;
}

/**
 * At a follow-up's due time the desktop reminds its assignee once: an OS
 * notification through the platform bridge (when the window is in the
 * background) and a reminder card in the app. Works offline: it reads the cache.
 */
export function useFollowUpReminders(mine: readonly FollowUp[], names: ReadonlyMap<string, string>, now: number): void {
  const db = useDb();
  const t = useT();
  // Claimed before the cache is read, so two runs of the effect never remind of the same follow-up.
  const claimed = useRef(new Set<string>());
  useEffect(() => {
    let active = true;
    const candidates = remindersDue(mine, now, claimed.current);
    if (candidates.length === 0) return;
    for (const followUp of candidates) claimed.current.add(followUp.id);
    void (async () => {
      const stored = await db.meta.get(REMINDED_KEY);
      const reminded = new Set(Array.isArray(stored?.value) ? (stored.value as string[]) : []);
      const due = candidates.filter((f) => !reminded.has(f.id));
      if (due.length === 0) return;
      await db.meta.put({ key: REMINDED_KEY, value: [...reminded, ...due.map((f) => f.id)].slice(-REMEMBER_MAX) });
      for (const followUp of due) {
        getPlatform().notify(
          t('followUps.reminder.title'),
          t('followUps.reminder.body', { kind: t(`followUp.kind.${followUp.kind}`), customer: names.get(followUp.customerId) ?? '' }),
        );
      }
      if (active) useFollowUpUi.getState().remind(due.map((f) => f.id));
    })();
    return () => {
      active = false;
    };
  }, [db, t, mine, names, now]);
}
