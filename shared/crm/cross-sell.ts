import { z } from 'zod';

/**
 * Cross-sell rules "customers who bought A also bought B", mined from order
 * baskets Apriori-style: products below the support threshold are dropped
 * first, so the pair count only ever sees products that could make a rule.
 * Suggesting from the rules and recording what became of a suggestion is in
 * cross-sell-suggest.ts.
 */

const Share = z.number().min(0).max(1);

export const CrossSellSettingsSchema = z
  .object({
    /**
     * What one "basket" is: one order (bought together at the till), or
     * everything a customer ever bought (bought by the same people; the only
     * choice that finds anything when most orders hold a single product).
     */
    unit: z.enum(['order', 'customer']).default('order'),
    /** Share of baskets that must hold A and B together. */
    minSupport: Share.default(0.001),
    /**
     * And at least this many baskets: on a small base a share of 0.1 % is a
     * single coincidence, which gives a huge, meaningless lift.
     */
    minCount: z.number().int().min(1).max(1_000_000).default(5),
    /** Share of baskets with A that also hold B. */
    minConfidence: Share.default(0.1),
    /** How much more often B comes with A than on its own; 1 is no association at all. */
    minLift: z.number().min(0).max(1_000_000).default(1.2),
    /**
     * Baskets with more distinct products are left out: a wholesale order of
     * 2 000 SKUs says nothing about what goes together, and would cost two
     * million pair counts on its own.
     */
    maxBasketProducts: z.number().int().min(2).max(1000).default(100),
    /**
     * 2 also mines rules {A, B} → C from frequent triples, counted only where
     * all three pairs are frequent; dearer on long baskets, hence off by default.
     */
    maxAntecedent: z.union([z.literal(1), z.literal(2)]).default(1),
    /** The best rules kept, so what the hub stores and sends to every desktop stays bounded. */
    maxRules: z.number().int().min(1).max(1_000_000).default(5000),
  })
  .prefault({});
export type CrossSellSettings = z.infer<typeof CrossSellSettingsSchema>;
export type CrossSellSettingsInput = z.input<typeof CrossSellSettingsSchema>;

/** Settings that do not parse; `issues` are zod's messages with their paths, for the settings screen. */
export class CrossSellSettingsError extends Error {
  readonly code = 'invalid-cross-sell-settings';
  constructor(readonly issues: string[]) {
    super(`invalid cross-sell settings: ${issues.join('; ')}`);
    this.name = 'CrossSellSettingsError';
  }
}

export function parseCrossSellSettings(input: unknown): CrossSellSettings {
  const parsed = CrossSellSettingsSchema.safeParse(input);
  if (!parsed.success) {
    throw new CrossSellSettingsError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`));
  }
  return parsed.data;
}

/** Products are SKUs or names as the order import wrote them (trimmed); matching is exact. */
export const ProductSchema = z.string().min(1).max(200);

/**
 * One order's products. Lines of one order may come as separate baskets with
 * the same `orderId` (one row per order line): they are merged. A product
 * twice in a basket counts once.
 */
export type Basket = { orderId: string; customerId: string; products: readonly string[] };

export type InvalidBasketReason = 'missing-id' | 'bad-product';

/** A basket the hub should never have built; `index` is its place in the input. */
export class InvalidBasketError extends Error {
  readonly code = 'invalid-basket';
  constructor(
    readonly index: number,
    readonly reason: InvalidBasketReason,
    detail: string,
  ) {
    super(`basket ${index}: ${detail}`);
    this.name = 'InvalidBasketError';
  }
}

/**
 * One rule antecedent → consequent with the figures the customer 360 shows.
 * A schema because rules travel: mined on the hub, stored, sent to desktops.
 */
export const CrossSellRuleSchema = z.object({
  /** What the customer has, sorted: one product, or two with `maxAntecedent: 2`. */
  antecedent: z.array(ProductSchema).min(1).max(2),
  /** What to suggest. */
  consequent: ProductSchema,
  /** count / baskets. */
  support: Share,
  /** count / antecedentCount. */
  confidence: Share,
  /** confidence / (consequentCount / baskets). */
  lift: z.number().nonnegative(),
  /** Baskets holding the antecedent and the consequent. */
  count: z.number().int().min(1),
  antecedentCount: z.number().int().min(1),
  consequentCount: z.number().int().min(1),
  /** Baskets mined, the denominator of support. */
  baskets: z.number().int().min(1),
});
export type CrossSellRule = z.infer<typeof CrossSellRuleSchema>;

export type CrossSellMining = {
  rules: CrossSellRule[];
  /** Baskets counted: non-empty, not over `maxBasketProducts`. */
  baskets: number;
  /** Baskets left out for holding more than `maxBasketProducts` distinct products. */
  oversizedBaskets: number;
  /** Distinct products seen, and those frequent enough to take part in a rule. */
  products: number;
  frequentProducts: number;
  /** Baskets a product pair needed: max(minCount, ⌈minSupport · baskets⌉). */
  minCount: number;
};

const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order rules are shown and suggested in: lift, then confidence, both
 * descending, then by name so equal rules never swap between runs. Lift and
 * confidence are each one division of exact integers, so equal ratios are
 * equal doubles and ties are real ties.
 */
export function compareRules(a: CrossSellRule, b: CrossSellRule): number {
  return (
    b.lift - a.lift ||
    b.confidence - a.confidence ||
    compareNames(a.antecedent.join('\u0000'), b.antecedent.join('\u0000')) ||
    compareNames(a.consequent, b.consequent)
  );
}

/**
 * Turns baskets into transactions of product numbers, each sorted and free of
 * duplicates. Numbers are given in order of first appearance.
 */
function collectTransactions(
  baskets: Iterable<Basket>,
  unit: CrossSellSettings['unit'],
): { transactions: number[][]; names: string[] } {
  const numbers = new Map<string, number>();
  const names: string[] = [];
  const byKey = new Map<string, number[]>();
  let index = 0;
  for (const basket of baskets) {
    const key = unit === 'order' ? basket.orderId : basket.customerId;
    if (typeof key !== 'string' || key === '') throw new InvalidBasketError(index, 'missing-id', `no ${unit === 'order' ? 'orderId' : 'customerId'}`);
    if (!Array.isArray(basket.products)) throw new InvalidBasketError(index, 'bad-product', 'products is not a list');
    let items = byKey.get(key);
    for (const product of basket.products) {
      if (typeof product !== 'string' || product === '' || product.length > 200) {
        throw new InvalidBasketError(index, 'bad-product', `product ${JSON.stringify(product)} is not a product code`);
      }
      let number = numbers.get(product);
      if (number === undefined) {
        number = names.length;
        numbers.set(product, number);
        names.push(product);
      }
      if (!items) {
        items = [];
        byKey.set(key, items);
      }
      items.push(number);
    }
    index++;
  }
  const transactions: number[][] = [];
  for (const items of byKey.values()) {
    items.sort((a, b) => a - b);
    let kept = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] ?? 0;
      if (kept === 0 || items[kept - 1] !== item) items[kept++] = item;
    }
    items.length = kept;
    transactions.push(items);
  }
  return { transactions, names };
}

/**
 * Mines pair rules A → B from baskets, and with `maxAntecedent: 2` rules
 * {A, B} → C from triples. Both directions of a frequent pair are rules of
 * their own (same support and lift, different confidence); a triple gives
 * three. Every itemset in a rule, and every product in it, passes the same
 * minimum count.
 *
 * Cost: one pass to group and number the products, one to count products, one
 * to count pairs of frequent products in a Map keyed by a · m + b (m frequent
 * products: an integer key, no strings). A million orders of a few products
 * over a few thousand SKUs is a few million map updates. Triples, when asked
 * for, are one more pass over candidates whose three pairs are all frequent.
 *
 * Throws CrossSellSettingsError for bad settings, InvalidBasketError for a
 * basket with no id or a product that is not a non-empty string.
 */
export function mineCrossSellRules(baskets: Iterable<Basket>, settingsInput?: CrossSellSettingsInput): CrossSellMining {
  const settings = parseCrossSellSettings(settingsInput ?? {});
  const { transactions, names } = collectTransactions(baskets, settings.unit);

  const itemCounts = new Uint32Array(names.length);
  let counted = 0;
  let oversized = 0;
  for (const items of transactions) {
    if (items.length === 0) continue;
    if (items.length > settings.maxBasketProducts) {
      oversized++;
      continue;
    }
    counted++;
    for (const item of items) itemCounts[item] = (itemCounts[item] ?? 0) + 1;
  }
  // The epsilon: 0.07 · 100 is 7.000000000000001 in doubles, which must not ask for 8 baskets.
  const minCount = Math.max(settings.minCount, Math.ceil(settings.minSupport * counted - 1e-9));

  // Frequent products get dense numbers in the order of their first numbers, so filtered transactions stay sorted.
  const dense = new Int32Array(names.length).fill(-1);
  const frequentNames: string[] = [];
  const frequentCounts: number[] = [];
  for (let item = 0; item < names.length; item++) {
    const count = itemCounts[item] ?? 0;
    if (count < minCount) continue;
    dense[item] = frequentNames.length;
    frequentNames.push(names[item] ?? '');
    frequentCounts.push(count);
  }
  const m = frequentNames.length;

  const pairCounts = new Map<number, number>();
  const frequent: number[] = [];
  for (const items of transactions) {
    if (items.length < 2 || items.length > settings.maxBasketProducts) continue;
    frequentOf(items, dense, frequent);
    for (let i = 0; i < frequent.length; i++) {
      const base = (frequent[i] ?? 0) * m;
      for (let j = i + 1; j < frequent.length; j++) {
        const key = base + (frequent[j] ?? 0);
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
      }
    }
  }

  const rules: CrossSellRule[] = [];
  const addRule = (antecedent: string[], antecedentCount: number, to: number, count: number): void => {
    const consequentCount = frequentCounts[to] ?? 0;
    const confidence = count / antecedentCount;
    // One division of exact integers (each product < 2^53 for any real base): equal lifts compare equal.
    const lift = (count * counted) / (antecedentCount * consequentCount);
    if (confidence < settings.minConfidence || lift < settings.minLift) return;
    rules.push({
      antecedent,
      consequent: frequentNames[to] ?? '',
      support: count / counted,
      confidence,
      lift,
      count,
      antecedentCount,
      consequentCount,
      baskets: counted,
    });
  };
  const name = (item: number): string => frequentNames[item] ?? '';

  // Frequent pairs get dense numbers too, for the triple count's key and for {A, B} → C antecedent counts.
  const pairIds = new Map<number, number>();
  const pairFirst: number[] = [];
  const pairSecond: number[] = [];
  const pairCount: number[] = [];
  for (const [key, count] of pairCounts) {
    if (count < minCount) continue;
    const a = Math.floor(key / m);
    const b = key - a * m;
    addRule([name(a)], frequentCounts[a] ?? 0, b, count);
    addRule([name(b)], frequentCounts[b] ?? 0, a, count);
    pairIds.set(key, pairFirst.length);
    pairFirst.push(a);
    pairSecond.push(b);
    pairCount.push(count);
  }

  if (settings.maxAntecedent === 2 && pairFirst.length > 0) {
    // A triple a < b < c is a candidate only if all three of its pairs are frequent (Apriori); key = pairId(a, b) · m + c.
    const tripleCounts = new Map<number, number>();
    for (const items of transactions) {
      if (items.length < 3 || items.length > settings.maxBasketProducts) continue;
      frequentOf(items, dense, frequent);
      for (let i = 0; i < frequent.length; i++) {
        const a = frequent[i] ?? 0;
        for (let j = i + 1; j < frequent.length; j++) {
          const b = frequent[j] ?? 0;
          const ab = pairIds.get(a * m + b);
          if (ab === undefined) continue;
          for (let k = j + 1; k < frequent.length; k++) {
            const c = frequent[k] ?? 0;
            if (!pairIds.has(a * m + c) || !pairIds.has(b * m + c)) continue;
            const key = ab * m + c;
            tripleCounts.set(key, (tripleCounts.get(key) ?? 0) + 1);
          }
        }
      }
    }
    const countOfPair = (x: number, y: number): number => pairCount[pairIds.get(x * m + y) ?? -1] ?? 0;
    for (const [key, count] of tripleCounts) {
      if (count < minCount) continue;
      const ab = Math.floor(key / m);
      const c = key - ab * m;
      const a = pairFirst[ab] ?? 0;
      const b = pairSecond[ab] ?? 0;
      // a < b < c by dense number, not by name: each antecedent is sorted by name as the schema promises.
      const sorted = (x: number, y: number): string[] => [name(x), name(y)].sort(compareNames);
      addRule(sorted(a, b), pairCount[ab] ?? 0, c, count);
      addRule(sorted(a, c), countOfPair(a, c), b, count);
      addRule(sorted(b, c), countOfPair(b, c), a, count);
    }
  }

  rules.sort(compareRules);
  if (rules.length > settings.maxRules) rules.length = settings.maxRules;

  return { rules, baskets: counted, oversizedBaskets: oversized, products: names.length, frequentProducts: m, minCount };
}

/** The frequent products of a transaction as dense numbers, into `out`; dense numbers keep the order, so `out` is sorted. */
function frequentOf(items: readonly number[], dense: Int32Array, out: number[]): void {
  out.length = 0;
  for (const item of items) {
    const d = dense[item] ?? -1;
    if (d >= 0) out.push(d);
  }
}
