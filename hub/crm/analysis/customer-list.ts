import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Tier } from '../../../shared/domain/customer';
import type { CustomerListPlan } from '../../../shared/crm/analysis/customer-filter';
import type { LifecycleStage } from '../../../shared/crm/lifecycle-stage';
import type { CustomerListRow } from '../../../shared/protocol/customer-analysis';
import type { Queryable, StoreKind } from '../../db/schema';

/** A complaint is open until resolved or closed (shared/complaints/workflow.ts). */
const CLOSED = ['resolved', 'closed'];

/** The sort value of a row as the store compares it; a customer the value run has not reached counts as 0 (and never-ordered as 0). */
function sortValue(plan: CustomerListPlan): RawBuilder<number | string> {
  switch (plan.sort) {
    case 'profit':
      return sql<number>`coalesce(v.profit_cents, 0)`;
    case 'clv':
      return sql<number>`coalesce(v.clv_cents, 0)`;
    case 'lastOrder':
      return sql<number>`coalesce(v.last_order_at, 0)`;
    case 'name':
      return sql<string>`c.name`;
    case 'number':
      return sql<string>`c.number`;
  }
}

/** Customers carrying the tag: SQLite walks the JSON array, Postgres asks jsonb. */
function hasTag(kind: StoreKind, tag: string): Expression<SqlBool> {
  return kind === 'sqlite' ? sql<SqlBool>`exists (select 1 from json_each(c.tags) where json_each.value = ${tag})` : sql<SqlBool>`(c.tags::jsonb) ? ${tag}`;
}

/**
 * One page of the analysis customer list: customers (with their value row,
 * when there is one) that pass every filter of the plan, in the plan's order
 * with the id as tie-break, starting after the cursor (keyset: the page costs
 * the same on page 1 and page 1000).
 */
export async function customerListPage(db: Queryable, kind: StoreKind, plan: CustomerListPlan): Promise<{ rows: CustomerListRow[]; more: boolean; last: { value: number | string; id: string } | null }> {
  const value = sortValue(plan);
  const openComplaints = sql<number>`(select count(*) from complaints k where k.customer_id = c.id and k.status not in (${sql.join(CLOSED)}))`;
  let query = db
    .selectFrom('customers as c')
    .leftJoin('customer_values as v', 'v.customer_id', 'c.id')
    .select([
      'c.id',
      'c.number',
      'c.name',
      'c.company',
      'c.tags',
      'c.tier',
      'v.stage',
      'v.rfm_r',
      'v.rfm_f',
      'v.rfm_m',
      'v.profit_cents',
      'v.clv_cents',
      'v.order_count',
      'v.last_order_at',
      openComplaints.as('open_complaints'),
      value.as('sort_value'),
    ]);
  if (plan.tiers) query = query.where('c.tier', 'in', plan.tiers);
  if (plan.stages) query = query.where('v.stage', 'in', plan.stages);
  for (const range of plan.rfm) query = query.where(`v.${range.column}`, '>=', range.min).where(`v.${range.column}`, '<=', range.max);
  const tags = plan.tags;
  if (tags) {
    query = query.where((eb) => {
      const each = tags.values.map((tag) => hasTag(kind, tag));
      return tags.mode === 'all' ? eb.and(each) : eb.or(each);
    });
  }
  if (plan.openComplaints !== null) {
    const exists = sql<SqlBool>`exists (select 1 from complaints k where k.customer_id = c.id and k.status not in (${sql.join(CLOSED)}))`;
    query = query.where(plan.openComplaints ? exists : sql<SqlBool>`not ${exists}`);
  }
  const after = plan.after;
  if (after) {
    const op = plan.direction === 'asc' ? sql.raw('>') : sql.raw('<');
    query = query.where(sql<SqlBool>`(${value} ${op} ${after.value} or (${value} = ${after.value} and c.id ${op} ${after.id}))`);
  }
  const rows = await query
    .orderBy(value, plan.direction)
    .orderBy('c.id', plan.direction)
    .limit(plan.fetch)
    .execute();
  const page = rows.slice(0, plan.limit);
  const lastRow = page.at(-1);
  return {
    rows: page.map(
      (row): CustomerListRow => ({
        customerId: row.id,
        number: row.number,
        name: row.name,
        company: row.company,
        tags: parseTags(row.tags),
        tier: row.tier as Tier,
        stage: (row.stage ?? null) as LifecycleStage | null,
        rfm: row.rfm_r === null || row.rfm_f === null || row.rfm_m === null ? null : { recency: Number(row.rfm_r), frequency: Number(row.rfm_f), monetary: Number(row.rfm_m) },
        profitCents: Number(row.profit_cents ?? 0),
        clvCents: Number(row.clv_cents ?? 0),
        orderCount: Number(row.order_count ?? 0),
        lastOrderAt: row.last_order_at === null ? null : Number(row.last_order_at),
        openComplaints: Number(row.open_complaints),
      }),
    ),
    more: rows.length > plan.limit,
    last: lastRow ? { value: plan.sortKind === 'number' ? Number(lastRow.sort_value) : String(lastRow.sort_value), id: lastRow.id } : null,
  };
}

function parseTags(raw: string): string[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}
