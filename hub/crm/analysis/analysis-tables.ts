/**
 * Customer analysis (issue 7). `value_snapshots`: each customer's tier, stage
 * and the figures the churn rule compares, once a day (day = YYYY-MM-DD in
 * the hub's zone), for tier migration and "falling" customers.
 * `cross_sell_outcomes`: what became of each cross-sell suggestion
 * (append-only; `data` is the SuggestionOutcome, shared/crm/cross-sell-suggest.ts).
 */
export type ValueSnapshotsTable = {
  day: string;
  customer_id: string;
  tier: string;
  stage: string;
  profit_cents: number;
  rfm_r: number | null;
};

export type CrossSellOutcomesTable = {
  id: string;
  suggestion_id: string;
  customer_id: string;
  product: string;
  outcome: string;
  recorded_at: number;
  data: string;
};
