import { z } from 'zod';
import { type Tier, TierSchema } from '../domain/customer';
import { UlidSchema } from '../domain/ids';
import type { ChurnReason } from '../crm/analysis/churn-risk';
import type { MigrationMatrix } from '../crm/analysis/migration-matrix';
import { type CrossSellRule, CrossSellRuleSchema, CrossSellSettingsSchema, ProductSchema } from '../crm/cross-sell';
import type { SuggestionFigures, SuggestionOutcome } from '../crm/cross-sell-suggest';
import type { LifecycleStage } from '../crm/lifecycle-stage';

/**
 * Customer analysis and cross-sell (issue 7) on the wire: the supervisor's
 * "Customers" tab (pyramid, lifecycle, tier migration, churn risk, the
 * filtered customer list and its CSV export) and the 360's cross-sell card.
 * All of it is read live from the hub (hub/crm/analysis, hub/crm/cross-sell);
 * nothing is cached in Dexie.
 */

export const StageSchema = z.enum(['exploration', 'formation', 'stability', 'decline']) satisfies z.ZodType<LifecycleStage>;

// ── pyramid and lifecycle ──

export type PyramidTier = {
  tier: Tier;
  customers: number;
  profitCents: number;
  /** Share of the whole base's profit, 0–1; 0 when the base made none. */
  profitShare: number;
  /** The smallest profit in the tier: the cut-off a customer must reach to be in it. Null for an empty tier. */
  minProfitCents: number | null;
};
export type PyramidAnswer = { tiers: PyramidTier[]; customers: number; profitCents: number; computedAt: number | null };

export type LifecycleAnswer = {
  stages: { stage: LifecycleStage; customers: number }[];
  /** Every tier × stage, zeros included, tiers VIP first. */
  byTier: { tier: Tier; stage: LifecycleStage; customers: number }[];
};

// ── tier migration between two daily snapshots ──

/** A day of the hub's calendar, as the snapshots are keyed. */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD');

export const MigrationRequestSchema = z
  .object({ from: DaySchema.optional(), to: DaySchema.optional() })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { path: ['to'], message: 'the later day must not be before the earlier one' });
export type MigrationRequest = z.input<typeof MigrationRequestSchema>;

/** `from`/`to` are the snapshot days compared (null when there are too few snapshots); `days` every snapshot day kept, newest first. */
export type MigrationAnswer = { from: string | null; to: string | null; days: string[]; matrix: MigrationMatrix };

// ── churn risk ──

export const ChurnRequestSchema = z
  .object({
    /** Compare with the snapshot at least this many days old. */
    days: z.number().int().min(1).max(366).default(30),
    limit: z.number().int().positive().max(500).default(100),
  })
  .strict();
export type ChurnRequest = z.input<typeof ChurnRequestSchema>;

export type ChurnRow = {
  customerId: string;
  number: string;
  name: string;
  tier: Tier;
  stage: LifecycleStage;
  reasons: ChurnReason[];
  profitCents: number;
  /** Profit in the window at the snapshot compared with; null without one. */
  earlierProfitCents: number | null;
  recency: number | null;
  earlierRecency: number | null;
  valueAtRiskCents: number;
  lastOrderAt: number | null;
};
export type ChurnAnswer = { comparedWith: string | null; rows: ChurnRow[] };

// ── the customer list ──

const ScoreSchema = z.number().int().min(1).max(5);
const RangeSchema = z
  .object({ min: ScoreSchema.default(1), max: ScoreSchema.default(5) })
  .strict()
  .refine((r) => r.min <= r.max, { path: ['max'], message: 'the highest score must not be below the lowest' });

export const CUSTOMER_LIST_PAGE_MAX = 500;

export const CustomerFilterSchema = z
  .object({
    tiers: z.array(TierSchema).max(4).default([]),
    stages: z.array(StageSchema).max(4).default([]),
    recency: RangeSchema.optional(),
    frequency: RangeSchema.optional(),
    monetary: RangeSchema.optional(),
    tags: z.array(z.string().trim().min(1, 'a tag filter must not be empty').max(40)).max(20).default([]),
    tagMode: z.enum(['all', 'any']).default('any'),
    openComplaints: z.boolean().optional(),
  })
  .strict();

export const CustomerListRequestSchema = CustomerFilterSchema.extend({
  sort: z.enum(['profit', 'clv', 'lastOrder', 'name', 'number']).default('profit'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  /** The `next` of the previous page. */
  after: z.string().min(1).max(600).optional(),
  limit: z.number().int().positive().max(CUSTOMER_LIST_PAGE_MAX).default(50),
}).strict();
export type CustomerListRequest = z.input<typeof CustomerListRequestSchema>;

export type CustomerListRow = {
  customerId: string;
  number: string;
  name: string;
  company: string | null;
  tags: string[];
  tier: Tier;
  /** Null for a customer the value run has not reached yet. */
  stage: LifecycleStage | null;
  rfm: { recency: number; frequency: number; monetary: number } | null;
  profitCents: number;
  clvCents: number;
  orderCount: number;
  lastOrderAt: number | null;
  openComplaints: number;
};
export type CustomerListAnswer = { rows: CustomerListRow[]; next: string | null };

/** The CSV export: GET with a bearer token; the query carries the filter as JSON in `filter` and the locale of the headers. */
export const CUSTOMER_EXPORT_PATH = '/api/customers/export.csv';
export const CustomerExportQuerySchema = z
  .object({
    filter: z.string().max(4000).default('{}'),
    locale: z.enum(['en', 'zh-CN']).default('en'),
  })
  .strict();
/** Rows in one export at most; a bigger base is exported in slices by filter. */
export const CUSTOMER_EXPORT_MAX = 100_000;

// ── cross-sell ──

export const CrossSellSuggestRequestSchema = z
  .object({ customerId: UlidSchema, limit: z.number().int().positive().max(20).default(3) })
  .strict();
export type CrossSellSuggestRequest = z.input<typeof CrossSellSuggestRequestSchema>;

export type CrossSellCard = {
  suggestions: { product: string; rule: CrossSellRule }[];
  /** When the rules were mined; null before the first mining (then there is nothing to suggest). */
  minedAt: number | null;
  /** The latest outcome of each product suggested to this customer recently (so the card shows "taken" after a reload). */
  outcomes: { suggestionId: string; product: string; outcome: SuggestionOutcome['outcome']; recordedAt: number }[];
};

/** `crossSell:record`: the hub stamps who and when; the desktop chooses the ids (a retry is the same record). */
export const CrossSellRecordSchema = z
  .object({
    id: UlidSchema,
    suggestionId: UlidSchema,
    customerId: UlidSchema,
    interactionId: UlidSchema.nullable().default(null),
    product: ProductSchema,
    rule: CrossSellRuleSchema,
    outcome: z.enum(['made', 'taken', 'declined']),
    reason: z.string().trim().max(500).default(''),
    orderId: z.string().min(1).max(64).nullable().default(null),
  })
  .strict();
export type CrossSellRecord = z.input<typeof CrossSellRecordSchema>;

/** `settings` absent mines with the saved ones (unwrapped: the schema's own default would otherwise fill it in, and save it). */
export const CrossSellMineRequestSchema = z.object({ settings: CrossSellSettingsSchema.unwrap().optional() }).strict();
export type CrossSellMineRequest = z.input<typeof CrossSellMineRequestSchema>;
export type CrossSellMineAnswer = { minedAt: number; baskets: number; orders: number; rules: number; products: number; ms: number };

export const CrossSellFiguresRequestSchema = z.object({ days: z.number().int().min(1).max(3660).default(90) }).strict();
export type CrossSellFiguresAnswer = { since: number; products: SuggestionFigures[] };

