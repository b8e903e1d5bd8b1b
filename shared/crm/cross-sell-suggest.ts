import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from '../domain/ids';
import { type CrossSellRule, CrossSellRuleSchema, compareRules, ProductSchema } from './cross-sell';

export type CrossSellSuggestion = {
  product: string;
  /** The best rule behind it, so the screen can show support, confidence and lift and what it came from. */
  rule: CrossSellRule;
};

/**
 * What to offer a customer during a contact: products the customer has not
 * bought, each justified by its best rule whose whole antecedent the customer
 * has bought, best first (the order of `compareRules`). `exclude` is for
 * products not to offer again now, such as one declined last week.
 * Rules may come in any order (as stored); O(rules).
 */
export function suggestFor(
  customerProducts: Iterable<string>,
  rules: readonly CrossSellRule[],
  limit: number,
  exclude: Iterable<string> = [],
): CrossSellSuggestion[] {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`suggestion limit must be a whole number ≥ 0, got ${limit}`);
  const owned = new Set(customerProducts);
  const excluded = new Set(exclude);
  const best = new Map<string, CrossSellRule>();
  for (const rule of rules) {
    const product = rule.consequent;
    if (owned.has(product) || excluded.has(product)) continue;
    if (!rule.antecedent.every((p) => owned.has(p))) continue;
    const current = best.get(product);
    if (!current || compareRules(rule, current) < 0) best.set(product, rule);
  }
  return [...best.values()]
    .sort(compareRules)
    .slice(0, limit)
    .map((rule) => ({ product: rule.consequent, rule }));
}

/**
 * What became of one suggestion, as the hub stores it. Append-only like the
 * timeline: the agent's desktop writes `made` when the suggestion is offered
 * and a later record with the same `suggestionId` when the customer answers;
 * the latest record wins. Each record carries the rule as it was when shown,
 * since rules are mined again every night.
 */
const outcomeBase = {
  /** ULID of this record, made by whoever records it (offline works). */
  id: UlidSchema,
  /** ULID given when the suggestion was first made; shared by all its records. */
  suggestionId: UlidSchema,
  customerId: UlidSchema,
  agentId: UlidSchema.nullable(),
  /** The contact it was offered in; null when offered from the profile outside a contact. */
  interactionId: UlidSchema.nullable(),
  product: ProductSchema,
  rule: CrossSellRuleSchema,
  recordedAt: EpochMsSchema,
};

export const SuggestionOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ ...outcomeBase, outcome: z.literal('made') }),
  z.object({
    ...outcomeBase,
    outcome: z.literal('taken'),
    /** The order it went into, once there is one. */
    orderId: z.string().min(1).max(64).nullable().default(null),
  }),
  z.object({
    ...outcomeBase,
    outcome: z.literal('declined'),
    /** What the customer said, if the agent noted it. */
    reason: z.string().trim().max(500).default(''),
  }),
]);
export type SuggestionOutcome = z.infer<typeof SuggestionOutcomeSchema>;

/** The latest record of each suggestion (by `recordedAt`, then record id), in no particular order. */
export function latestOutcomes(records: readonly SuggestionOutcome[]): SuggestionOutcome[] {
  const latest = new Map<string, SuggestionOutcome>();
  for (const record of records) {
    const current = latest.get(record.suggestionId);
    if (!current || record.recordedAt > current.recordedAt || (record.recordedAt === current.recordedAt && record.id > current.id)) {
      latest.set(record.suggestionId, record);
    }
  }
  return [...latest.values()];
}

/**
 * Products a customer declined within the last `days` before `now`: pass them
 * to `suggestFor` as `exclude` so an agent does not offer them again on the
 * next call.
 */
export function recentlyDeclined(records: readonly SuggestionOutcome[], customerId: string, now: number, days: number): string[] {
  const since = now - days * 86_400_000;
  const products = new Set<string>();
  for (const record of latestOutcomes(records)) {
    if (record.customerId === customerId && record.outcome === 'declined' && record.recordedAt >= since && record.recordedAt <= now) {
      products.add(record.product);
    }
  }
  return [...products].sort();
}

export type SuggestionFigures = { product: string; made: number; taken: number; declined: number; takeRate: number | null };

/**
 * Per product: suggestions still open (`made`), taken and declined, and the
 * take rate taken / (taken + declined) over answered ones, null before any
 * answer. Sorted by product.
 */
export function suggestionFigures(records: readonly SuggestionOutcome[]): SuggestionFigures[] {
  const byProduct = new Map<string, SuggestionFigures>();
  for (const record of latestOutcomes(records)) {
    let figures = byProduct.get(record.product);
    if (!figures) {
      figures = { product: record.product, made: 0, taken: 0, declined: 0, takeRate: null };
      byProduct.set(record.product, figures);
    }
    figures[record.outcome]++;
  }
  const all = [...byProduct.values()].sort((a, b) => (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
  for (const figures of all) {
    const answered = figures.taken + figures.declined;
    figures.takeRate = answered === 0 ? null : figures.taken / answered;
  }
  return all;
}
