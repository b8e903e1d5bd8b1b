import { z } from 'zod';
import { TierSchema } from '../domain/customer';
import { EpochMsSchema, UlidSchema } from '../domain/ids';
import { CustomerValueSettingsSchema } from '../crm/customer-value';

/**
 * Customer value (issue 7) on the wire: the figures the hub keeps per
 * customer (hub/crm/value-service.ts), the points ledger, and the requests
 * of the 360's value panel. The figures are recomputed by the hub; desktops
 * only read them (and cache them in Dexie for offline screen pop).
 */

const RfmScoreSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

export const RfmViewSchema = z.object({
  recency: RfmScoreSchema,
  frequency: RfmScoreSchema,
  monetary: RfmScoreSchema,
  recencyDays: z.number().int().nonnegative(),
  orderCount: z.number().int().nonnegative(),
  revenueCents: z.number().int(),
});

export const LifetimeValueViewSchema = z.object({
  clvCents: z.number().int(),
  discountRate: z.number(),
  horizonPeriods: z.number().int(),
  periodDays: z.number().int(),
  history: z.array(z.object({ periodsAgo: z.number().int(), from: z.number(), to: z.number(), profitCents: z.number().int() })),
  baseCents: z.number().int(),
  trendCentsPerPeriod: z.number().int(),
  projection: z.array(z.object({ n: z.number().int(), incomeCents: z.number().int(), discountedCents: z.number().int() })),
});

export const LifecycleViewSchema = z.object({
  stage: z.enum(['exploration', 'formation', 'stability', 'decline']),
  reason: z.enum(['no-orders', 'lapsed', 'new', 'falling', 'young', 'rising', 'steady']),
  tenureDays: z.number().int().nullable(),
  recencyDays: z.number().int().nullable(),
  trend: z.number().nullable(),
});

/**
 * One customer's value, as stored and as sent in a `customerValue` change.
 * `id` repeats `customerId` because every change carries its entity's id.
 */
export const CustomerValueRecordSchema = z.object({
  id: UlidSchema,
  customerId: UlidSchema,
  tier: TierSchema,
  tierRank: z.number().int().positive(),
  /** Profit in the tier window (orders without a profit figure count their revenue). */
  tierProfitCents: z.number().int(),
  rfm: RfmViewSchema.nullable(),
  lifetimeValue: LifetimeValueViewSchema,
  lifecycle: LifecycleViewSchema,
  pointsBalance: z.number().int().nonnegative(),
  orderCount: z.number().int().nonnegative(),
  lastOrderAt: EpochMsSchema.nullable(),
  /** The credit standing note a supervisor keeps (e.g. "pays on 60 days; hold new credit"); null when none. */
  creditNote: z.string().max(500).nullable(),
  /** When the figures were last computed: by the nightly run or by an order arriving. */
  computedAt: EpochMsSchema,
});
export type CustomerValueRecord = z.infer<typeof CustomerValueRecordSchema>;

/** One line of the points ledger as the 360 shows it (the kinds of shared/crm/loyalty-points.ts). */
export type LedgerLine = {
  id: string;
  kind: 'earned' | 'adjusted' | 'redeemed';
  /** Signed: what the line did to the balance. */
  delta: number;
  at: number;
  /** The order (earned), the reason (adjusted) or the reference (redeemed). */
  detail: string;
  /** Who adjusted or redeemed; null for points earned by an order. */
  byUserId: string | null;
};

export const LEDGER_PAGE_MAX = 200;

export const CustomerValueRequestSchema = z.object({
  customerId: UlidSchema,
  /** Ledger lines strictly older than this (epoch ms), newest first; absent for the newest. */
  ledgerBefore: EpochMsSchema.optional(),
  ledgerLimit: z.number().int().positive().max(LEDGER_PAGE_MAX).default(50),
});
export type CustomerValueRequest = z.input<typeof CustomerValueRequestSchema>;

/** `value` is the stored figures, or for a customer not computed yet (before any order or full run) the figures worked out for this answer. */
export type CustomerValueAnswer = { value: CustomerValueRecord; ledger: LedgerLine[]; moreLedger: boolean };


/** A supervisor's goodwill or clawback (signed, with its reason), or a redemption (positive, with its reference). */
export const LoyaltyAdjustSchema = z.discriminatedUnion('kind', [
  z.object({
    customerId: UlidSchema,
    kind: z.literal('adjust'),
    points: z.number().int().min(-1_000_000_000).max(1_000_000_000).refine((p) => p !== 0, 'an adjustment of 0 points changes nothing'),
    reason: z.string().trim().min(1, 'an adjustment needs a reason').max(500),
  }),
  z.object({
    customerId: UlidSchema,
    kind: z.literal('redeem'),
    points: z.number().int().positive().max(1_000_000_000),
    reference: z.string().trim().min(1, 'a redemption needs a reference (voucher, gift, order)').max(64),
  }),
]);
export type LoyaltyAdjust = z.input<typeof LoyaltyAdjustSchema>;

const Cents = z.number().int('amounts are integer cents (fen)').min(-100_000_000_000).max(100_000_000_000);

/** An order an agent types on the 360 (a phone order): filed like an imported one, keyed by customer and order number. */
export const OrderAddSchema = z.object({
  customerId: UlidSchema,
  orderNo: z.string().trim().min(1, 'an order needs its number').max(40),
  amountCents: Cents,
  profitCents: Cents.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as CNY').default('CNY'),
  items: z.string().trim().max(2000).default(''),
  orderedAt: EpochMsSchema,
});
export type OrderAdd = z.input<typeof OrderAddSchema>;

/** `created` false: the same order number was already on this customer's timeline as written (a re-sent form). */
export type OrderAddAnswer = { interactionId: string; created: boolean; value: CustomerValueRecord };

export const CreditNoteSchema = z.object({
  customerId: UlidSchema,
  /** Empty clears the note. */
  note: z.string().trim().max(500),
});

export const ValueSettingsSchema = CustomerValueSettingsSchema;
export type ValueSettings = z.infer<typeof ValueSettingsSchema>;

export type RecomputeAnswer = {
  customers: number;
  orders: number;
  /** Value rows written because a figure changed. */
  changed: number;
  tierChanges: number;
  orphanOrders: number;
  ms: number;
  /** Where the time went: streaming the orders into summaries, ranking the base, comparing and writing the rows. */
  phases: { readMs: number; rankMs: number; writeMs: number };
};
