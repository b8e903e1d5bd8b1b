import { z } from 'zod';
import type { FollowUpKind, FollowUpOrigin, FollowUpPriority } from './follow-up';

/**
 * The follow-ups the hub schedules by itself (回访 by rule): a satisfaction
 * check some days after a complaint is resolved, a welcome call for a new
 * VIP, a retention call when a customer enters the decline stage. Pure: the
 * hub's entry points (hub/follow-ups/follow-up-rules.ts) read the settings
 * and the subject, ask here what to schedule, and write it.
 */

export const FOLLOW_UP_RULES = ['after-complaint', 'new-vip', 'decline'] as const satisfies readonly FollowUpOrigin[];
export type FollowUpRule = (typeof FOLLOW_UP_RULES)[number];

const RuleSettingSchema = z.object({
  enabled: z.boolean(),
  /** Days after the trigger the contact is due (0 = at once). */
  days: z.number().int().min(0).max(365),
});
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

/** `admin:followUps:set` / `followUp:settings`. */
export const FollowUpSettingsSchema = z
  .object({
    afterComplaint: RuleSettingSchema,
    newVip: RuleSettingSchema,
    decline: RuleSettingSchema,
  })
  .strict();
export type FollowUpSettings = z.infer<typeof FollowUpSettingsSchema>;

export const DEFAULT_FOLLOW_UP_SETTINGS: FollowUpSettings = {
  afterComplaint: { enabled: true, days: 3 },
  newVip: { enabled: true, days: 1 },
  decline: { enabled: true, days: 2 },
};

const DAY_MS = 86_400_000;

const RULE_SHAPE: Record<FollowUpRule, { setting: keyof FollowUpSettings; kind: FollowUpKind; priority: FollowUpPriority }> = {
  'after-complaint': { setting: 'afterComplaint', kind: 'complaint-check', priority: 'high' },
  'new-vip': { setting: 'newVip', kind: 'welcome', priority: 'high' },
  decline: { setting: 'decline', kind: 'retention', priority: 'normal' },
};

export type RulePlan = { kind: FollowUpKind; dueAt: number; priority: FollowUpPriority; origin: FollowUpRule };

/** What a rule schedules when it fires at `at`, or null when an administrator turned it off. */
export function planRuleFollowUp(rule: FollowUpRule, settings: FollowUpSettings, at: number): RulePlan | null {
  const shape = RULE_SHAPE[rule];
  const setting = settings[shape.setting];
  if (!setting.enabled) return null;
  return { kind: shape.kind, dueAt: at + setting.days * DAY_MS, priority: shape.priority, origin: rule };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * One follow-up per rule and subject (a complaint, a customer): its id is
 * made from both, so a rule that fires twice (a complaint resolved, reopened,
 * resolved again; a recompute that sees the VIP again) finds the first one
 * instead of scheduling another. Four FNV-1a lanes give 128 bits, written as
 * a ULID-shaped string (first character 0–7) so it passes every id check.
 */
export function ruleFollowUpId(rule: FollowUpRule, subjectId: string): string {
  const text = `follow-up\u0000${rule}\u0000${subjectId}`;
  const lanes = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    for (let lane = 0; lane < lanes.length; lane += 1) {
      lanes[lane] = Math.imul((lanes[lane] ?? 0) ^ (code + lane * 131), 0x01000193) >>> 0;
    }
  }
  // Mix the lanes into each other so a change in one character reaches every one.
  for (let round = 0; round < 2; round += 1) {
    for (let lane = 0; lane < lanes.length; lane += 1) {
      const next = lanes[(lane + 1) % lanes.length] ?? 0;
      lanes[lane] = Math.imul(((lanes[lane] ?? 0) ^ (next >>> 15)) >>> 0, 0x2c1b3c6d) >>> 0;
    }
  }
  let bits = '';
  for (const lane of lanes) bits += lane.toString(2).padStart(32, '0');
  // 26 characters × 5 bits = 130: the first character takes 3 bits, as in a real ULID.
  bits = `00${bits}`;
  let id = '';
  for (let at = 0; at < 130; at += 5) id += CROCKFORD[Number.parseInt(bits.slice(at, at + 5), 2)];
  return id;
}
