import { z } from 'zod';
import { TierSchema } from '../../../shared/domain/customer';
import { MIGRATION_SIDES, type MigrationSide } from '../../../shared/crm/analysis/migration-matrix';
import {
  type ChurnAnswer,
  type CustomerListAnswer,
  type LifecycleAnswer,
  type MigrationAnswer,
  type PyramidAnswer,
  StageSchema,
} from '../../../shared/protocol/customer-analysis';

/** The analysis answers checked on arrival, like every answer the desktop takes from the hub. */

const Count = z.number().int().nonnegative();
const Cents = z.number().int();

export const PyramidAnswerSchema = z.object({
  tiers: z.array(z.object({ tier: TierSchema, customers: Count, profitCents: Cents, profitShare: z.number().min(0).max(1), minProfitCents: Cents.nullable() })),
  customers: Count,
  profitCents: Cents,
  computedAt: z.number().nullable(),
}) satisfies z.ZodType<PyramidAnswer>;

export const LifecycleAnswerSchema = z.object({
  stages: z.array(z.object({ stage: StageSchema, customers: Count })),
  byTier: z.array(z.object({ tier: TierSchema, stage: StageSchema, customers: Count })),
}) satisfies z.ZodType<LifecycleAnswer>;

const SideCounts = z.object(Object.fromEntries(MIGRATION_SIDES.map((side) => [side, Count])) as Record<MigrationSide, typeof Count>);

export const MigrationAnswerSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  days: z.array(z.string()),
  matrix: z.object({
    counts: z.object(Object.fromEntries(MIGRATION_SIDES.map((side) => [side, SideCounts])) as Record<MigrationSide, typeof SideCounts>),
    fromTotals: SideCounts,
    toTotals: SideCounts,
    stayed: Count,
    upgraded: Count,
    downgraded: Count,
    joined: Count,
    left: Count,
  }),
}) satisfies z.ZodType<MigrationAnswer>;

const Score = z.number().int().min(1).max(5);

export const ChurnAnswerSchema = z.object({
  comparedWith: z.string().nullable(),
  rows: z.array(
    z.object({
      customerId: z.string(),
      number: z.string(),
      name: z.string(),
      tier: TierSchema,
      stage: StageSchema,
      reasons: z.array(z.enum(['decline', 'recency-fell', 'profit-fell'])),
      profitCents: Cents,
      earlierProfitCents: Cents.nullable(),
      recency: Score.nullable(),
      earlierRecency: Score.nullable(),
      valueAtRiskCents: Cents,
      lastOrderAt: z.number().nullable(),
    }),
  ),
}) satisfies z.ZodType<ChurnAnswer>;

export const CustomerListAnswerSchema = z.object({
  rows: z.array(
    z.object({
      customerId: z.string(),
      number: z.string(),
      name: z.string(),
      company: z.string().nullable(),
      tags: z.array(z.string()),
      tier: TierSchema,
      stage: StageSchema.nullable(),
      rfm: z.object({ recency: Score, frequency: Score, monetary: Score }).nullable(),
      profitCents: Cents,
      clvCents: Cents,
      orderCount: Count,
      lastOrderAt: z.number().nullable(),
      openComplaints: Count,
    }),
  ),
  next: z.string().nullable(),
}) satisfies z.ZodType<CustomerListAnswer>;
