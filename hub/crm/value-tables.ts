/**
 * Customer value (issue 7). `customer_values` is one row per customer: the
 * columns are what lists and the pyramid filter or sort on (tier, stage, RFM,
 * CLV); `data` is the whole CustomerValueRecord (shared/protocol/customer-value.ts).
 */
export type CustomerValuesTable = {
  customer_id: string;
  tier: string;
  tier_rank: number;
  profit_cents: number;
  rfm_r: number | null;
  rfm_f: number | null;
  rfm_m: number | null;
  clv_cents: number;
  stage: string;
  stage_reason: string;
  points: number;
  order_count: number;
  last_order_at: number | null;
  credit_note: string | null;
  computed_at: number;
  data: string;
};

/**
 * The points ledger, append-only. `points` is positive for every kind (the
 * kind gives the sign), except an adjustment, which is signed. An order earns
 * once: (customer_id, order_ref) is unique, and order_ref is null on the other kinds.
 */
export type LoyaltyLedgerTable = {
  id: string;
  customer_id: string;
  kind: string;
  points: number;
  at: number;
  order_ref: string | null;
  reason: string | null;
  reference: string | null;
  by_user: string | null;
};

export type CustomerValueTables = {
  customer_values: CustomerValuesTable;
  loyalty_ledger: LoyaltyLedgerTable;
};
