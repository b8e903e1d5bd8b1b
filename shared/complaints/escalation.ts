import { z } from 'zod';
import { instantAtPercent, type SlaClock, type SlaClockInput, type SlaKind } from './sla';

/**
 * Who hears about a complaint whose clock runs late. The chain is the
 * owner's line of managers as the hub reads it from teams: level 1 is the
 * owner's supervisor, level 2 the next one up, and so on. By default 80 %
 * of a target goes to level 1 and the breach to level 2.
 *
 * The hub calls `dueEscalations` whenever it looks at a clock (a timer at
 * `amberAt` / `dueAt`, or a sweep) and records each key it sends, so every
 * escalation goes out once however often it asks.
 */

export const EscalationStepSchema = z.object({
  /** Share of the target at which this step goes out; 100 is the breach, more is "still breached". */
  atPercent: z.number().int().min(1).max(1000),
  level: z.number().int().min(1).max(10),
});
export type EscalationStep = z.infer<typeof EscalationStepSchema>;

export const EscalationSettingsSchema = z.object({
  steps: z
    .array(EscalationStepSchema)
    .max(10)
    .default([
      { atPercent: 80, level: 1 },
      { atPercent: 100, level: 2 },
    ]),
});
export type EscalationSettings = z.infer<typeof EscalationSettingsSchema>;

export type Escalation = {
  /** Stable identity: send once per key. */
  key: string;
  complaintId: string;
  clock: SlaKind;
  atPercent: number;
  reason: 'warning' | 'breach';
  level: number;
  /** The manager at that level, or the top of a shorter chain; null when the owner has no chain (the hub picks a fallback). */
  recipientId: string | null;
  /** True when the chain was shorter than the level and the top of it was taken instead. */
  topOfChain: boolean;
};

export type EscalationInput = {
  complaintId: string;
  clocks: readonly SlaClock[];
  settings: EscalationSettings;
  /** The owner's managers, nearest first: [supervisor, manager, head of service …]. */
  chain: readonly string[];
  /** Keys already sent. */
  sent: ReadonlySet<string>;
};

export const escalationKey = (complaintId: string, clock: SlaKind, step: EscalationStep): string =>
  `${complaintId}:${clock}:${step.atPercent}:${step.level}`;

/**
 * Escalations due now and not yet sent, clock by clock in step order. A
 * stopped clock (responded, resolved) escalates no more, even if a step was
 * missed; a paused one still sends what it reached before the pause.
 */
export function dueEscalations(input: EscalationInput): Escalation[] {
  const due: Escalation[] = [];
  for (const clock of input.clocks) {
    if (clock.stoppedAt !== null) continue;
    for (const step of [...input.settings.steps].sort((a, b) => a.atPercent - b.atPercent || a.level - b.level)) {
      // Whole-number comparison: 80 % of 8 h is reached at exactly 6.4 h, with no rounding in between.
      if (clock.elapsedMs * 100 < clock.targetMs * step.atPercent) continue;
      const key = escalationKey(input.complaintId, clock.kind, step);
      if (input.sent.has(key)) continue;
      const recipientId = input.chain[step.level - 1] ?? input.chain.at(-1) ?? null;
      due.push({
        key,
        complaintId: input.complaintId,
        clock: clock.kind,
        atPercent: step.atPercent,
        reason: step.atPercent >= 100 ? 'breach' : 'warning',
        level: step.level,
        recipientId,
        topOfChain: recipientId !== null && step.level > input.chain.length,
      });
    }
  }
  return due;
}

/**
 * The next instant after `now` at which a step not yet sent falls due, so the
 * hub can set one timer per complaint instead of sweeping; null when none
 * will while things stay as they are (stopped, paused, everything sent).
 */
export function nextEscalationAt(complaintId: string, clocks: readonly SlaClockInput[], settings: EscalationSettings, sent: ReadonlySet<string>): number | null {
  let next: number | null = null;
  for (const clock of clocks) {
    for (const step of settings.steps) {
      if (sent.has(escalationKey(complaintId, clock.kind, step))) continue;
      const at = instantAtPercent(clock, step.atPercent);
      if (at !== null && at > clock.now && (next === null || at < next)) next = at;
    }
  }
  return next;
}
