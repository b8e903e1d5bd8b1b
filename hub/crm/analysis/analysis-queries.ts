import { type Tier, TierSchema } from '../../../shared/domain/customer';
import { type ChurnReason, churnRisk, compareChurn } from '../../../shared/crm/analysis/churn-risk';
import { type MigrationCell, type MigrationMatrix, migrationMatrix } from '../../../shared/crm/analysis/migration-matrix';
import type { LifecycleStage } from '../../../shared/crm/lifecycle-stage';
import { type ChurnRow, type LifecycleAnswer, type PyramidAnswer, StageSchema } from '../../../shared/protocol/customer-analysis';
import type { Queryable } from '../../db/schema';

export const TIERS: readonly Tier[] = TierSchema.options;
export const STAGES: readonly LifecycleStage[] = StageSchema.options;

const tierOf = (value: string | null): Tier | null => (value !== null && (TIERS as readonly string[]).includes(value) ? (value as Tier) : null);
const stageOf = (value: string): LifecycleStage => ((STAGES as readonly string[]).includes(value) ? (value as LifecycleStage) : 'exploration');

/** Per tier: customers, profit, share of profit and the tier's smallest profit (its cut-off), from the value rows. */
export async function pyramid(db: Queryable): Promise<PyramidAnswer> {
  const rows = await db
    .selectFrom('customer_values')
    .select((eb) => [
      'tier',
      eb.fn.countAll<number>().as('customers'),
      eb.fn.sum<number>('profit_cents').as('profit'),
      eb.fn.min<number>('profit_cents').as('min_profit'),
      eb.fn.max<number>('computed_at').as('computed_at'),
    ])
    .groupBy('tier')
    .execute();
  const byTier = new Map(rows.map((row) => [row.tier, row]));
  const total = rows.reduce((sum, row) => sum + Number(row.profit ?? 0), 0);
  const computed = rows.map((row) => (row.computed_at === null ? 0 : Number(row.computed_at)));
  const tiers = TIERS.map((tier) => {
    const row = byTier.get(tier);
    const profitCents = Number(row?.profit ?? 0);
    return {
      tier,
      customers: Number(row?.customers ?? 0),
      profitCents,
      // A base that lost money overall has no meaningful share: shown as none rather than as negative percentages.
      profitShare: total > 0 ? Math.max(0, profitCents / total) : 0,
      minProfitCents: row?.min_profit === null || row?.min_profit === undefined ? null : Number(row.min_profit),
    };
  });
  return { tiers, customers: tiers.reduce((sum, t) => sum + t.customers, 0), profitCents: total, computedAt: computed.length > 0 ? Math.max(...computed) : null };
}

export async function lifecycle(db: Queryable): Promise<LifecycleAnswer> {
  const rows = await db
    .selectFrom('customer_values')
    .select((eb) => ['tier', 'stage', eb.fn.countAll<number>().as('customers')])
    .groupBy(['tier', 'stage'])
    .execute();
  const count = new Map(rows.map((row) => [`${row.tier}/${row.stage}`, Number(row.customers)]));
  const byTier = TIERS.flatMap((tier) => STAGES.map((stage) => ({ tier, stage, customers: count.get(`${tier}/${stage}`) ?? 0 })));
  const stages = STAGES.map((stage) => ({ stage, customers: byTier.filter((cell) => cell.stage === stage).reduce((sum, cell) => sum + cell.customers, 0) }));
  return { stages, byTier };
}

/** The tier matrix between two snapshot days, counted by the store (two GROUP BYs, however big the base). */
export async function tierMigration(db: Queryable, from: string, to: string): Promise<MigrationMatrix> {
  const moved = await db
    .selectFrom('value_snapshots as a')
    .leftJoin('value_snapshots as b', (join) => join.onRef('b.customer_id', '=', 'a.customer_id').on('b.day', '=', to))
    .select((eb) => ['a.tier as from_tier', 'b.tier as to_tier', eb.fn.countAll<number>().as('customers')])
    .where('a.day', '=', from)
    .groupBy(['a.tier', 'b.tier'])
    .execute();
  const joined = await db
    .selectFrom('value_snapshots as b')
    .select((eb) => ['b.tier as to_tier', eb.fn.countAll<number>().as('customers')])
    .where('b.day', '=', to)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('value_snapshots as a').select('a.day').where('a.day', '=', from).whereRef('a.customer_id', '=', 'b.customer_id'))),
    )
    .groupBy('b.tier')
    .execute();
  const cells: MigrationCell[] = [
    ...moved.map((row) => ({ from: tierOf(row.from_tier), to: tierOf(row.to_tier), customers: Number(row.customers) })),
    ...joined.map((row) => ({ from: null, to: tierOf(row.to_tier), customers: Number(row.customers) })),
  ];
  return migrationMatrix(cells);
}

/**
 * VIP and key customers slipping away (shared/crm/analysis/churn-risk.ts),
 * against the snapshot of `comparedWith` (none: only the decline stage
 * counts). The store keeps only candidates — valuable then or now, and
 * declining or down on a figure — so the rule sees a few rows, not the base.
 */
export async function churnList(db: Queryable, comparedWith: string | null, limit: number): Promise<ChurnRow[]> {
  const day = comparedWith ?? '';
  const rows = await db
    .selectFrom('customer_values as v')
    .innerJoin('customers as c', 'c.id', 'v.customer_id')
    .leftJoin('value_snapshots as s', (join) => join.onRef('s.customer_id', '=', 'v.customer_id').on('s.day', '=', day))
    .select(['v.customer_id', 'c.number', 'c.name', 'v.tier', 'v.stage', 'v.profit_cents', 'v.rfm_r', 'v.clv_cents', 'v.last_order_at', 's.tier as s_tier', 's.profit_cents as s_profit', 's.rfm_r as s_rfm_r'])
    .where((eb) => eb.or([eb('v.tier', 'in', ['vip', 'key']), eb('s.tier', 'in', ['vip', 'key'])]))
    .where((eb) => eb.or([eb('v.stage', '=', 'decline'), eb('v.rfm_r', '<', eb.ref('s.rfm_r')), eb('v.profit_cents', '<', eb.ref('s.profit_cents'))]))
    .execute();
  const found: (ChurnRow & { reasons: ChurnReason[]; profitDropCents: number })[] = [];
  for (const row of rows) {
    const tier = tierOf(row.tier);
    if (!tier) continue;
    const earlierTier = tierOf(row.s_tier);
    const now = { tier, stage: stageOf(row.stage), profitCents: Number(row.profit_cents), recency: row.rfm_r === null ? null : Number(row.rfm_r), clvCents: Number(row.clv_cents) };
    const earlier = earlierTier ? { tier: earlierTier, profitCents: Number(row.s_profit ?? 0), recency: row.s_rfm_r === null ? null : Number(row.s_rfm_r) } : null;
    const verdict = churnRisk(now, earlier);
    if (!verdict) continue;
    found.push({
      customerId: row.customer_id,
      number: row.number,
      name: row.name,
      tier,
      stage: now.stage,
      reasons: verdict.reasons,
      profitCents: now.profitCents,
      earlierProfitCents: earlier ? earlier.profitCents : null,
      recency: now.recency,
      earlierRecency: earlier ? earlier.recency : null,
      valueAtRiskCents: verdict.valueAtRiskCents,
      profitDropCents: verdict.profitDropCents,
      lastOrderAt: row.last_order_at === null ? null : Number(row.last_order_at),
    });
  }
  found.sort(compareChurn);
  return found.slice(0, limit).map(({ profitDropCents: _drop, ...row }) => row);
}

