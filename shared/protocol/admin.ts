import { z } from 'zod';
import { AwayReasonSchema, DEFAULT_AWAY_REASONS, DEFAULT_ROUTING_POLICY, MISSED_OFFERS_REASON, RoutingPolicySchema } from '../domain/routing';

/**
 * Centre-wide routing settings, admin-managed and kept in the hub's store.
 * Every routing step reads the current ones, so a change applies at once.
 */
export const RoutingSettingsSchema = z
  .object({
    policy: RoutingPolicySchema,
    /** The reasons an agent can give for going away (break, lunch, training, meeting …). */
    awayReasons: z.array(AwayReasonSchema).min(1).max(50),
    /** When on, declining an offer counts as a missed offer (towards "away after N misses"). */
    declineCountsAsMiss: z.boolean(),
  })
  .refine((s) => new Set(s.awayReasons.map((r) => r.code)).size === s.awayReasons.length, {
    message: 'away reason codes must be unique',
    path: ['awayReasons'],
  })
  .refine((s) => s.awayReasons.every((r) => r.code !== MISSED_OFFERS_REASON), {
    message: `${MISSED_OFFERS_REASON} is set by the hub, not chosen by an agent`,
    path: ['awayReasons'],
  });
export type RoutingSettings = z.infer<typeof RoutingSettingsSchema>;

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  policy: DEFAULT_ROUTING_POLICY,
  awayReasons: [...DEFAULT_AWAY_REASONS],
  declineCountsAsMiss: false,
};
