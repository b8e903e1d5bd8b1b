import { describe, expect, it } from 'vitest';
import {
  type Basket,
  CrossSellSettingsError,
  CrossSellSettingsSchema,
  compareRules,
  InvalidBasketError,
  mineCrossSellRules,
  parseCrossSellSettings,
} from '../../../../shared/crm/cross-sell';

const basket = (orderId: string, products: string[], customerId = `c-${orderId}`): Basket => ({ orderId, customerId, products });

/** The textbook five baskets. */
const FIVE = [
  basket('o1', ['bread', 'milk']),
  basket('o2', ['bread', 'diapers', 'beer', 'eggs']),
  basket('o3', ['milk', 'diapers', 'beer', 'cola']),
  basket('o4', ['bread', 'milk', 'diapers', 'beer']),
  basket('o5', ['bread', 'milk', 'diapers', 'cola']),
];
const LOOSE = { minSupport: 0.4, minCount: 1, minConfidence: 0.6, minLift: 1 };
const summary = (rules: ReturnType<typeof mineCrossSellRules>['rules']) => rules.map((r) => `${r.antecedent.join('+')}→${r.consequent}`);

describe('mineCrossSellRules', () => {
  it('mines the five-basket example with support, confidence and lift worked by hand', () => {
    // N = 5. Products: bread 4, milk 4, diapers 4, beer 3, cola 2, eggs 1.
    // Min count = max(1, ⌈0.4·5⌉) = 2: eggs (1) is dropped before pairs are counted.
    // Pairs with count ≥ 2 and lift = count·N / (countA·countB):
    //   bread+milk 3, bread+diapers 3, milk+diapers 3 → 15/16 = 0.9375 < 1, dropped
    //   bread+beer 2, milk+beer 2                    → 10/12 ≈ 0.833 < 1, dropped
    //   diapers+beer 3 → 15/12 = 1.25: diapers→beer conf 3/4 = 0.75, beer→diapers conf 3/3 = 1
    //   milk+cola 2    → 10/8 = 1.25: milk→cola conf 2/4 = 0.5 < 0.6 dropped, cola→milk conf 1
    //   diapers+cola 2 → 10/8 = 1.25: diapers→cola conf 0.5 dropped, cola→diapers conf 1
    // All lifts tie at 1.25, so confidence, then antecedent, then consequent decide.
    const mined = mineCrossSellRules(FIVE, LOOSE);
    expect(summary(mined.rules)).toEqual(['beer→diapers', 'cola→diapers', 'cola→milk', 'diapers→beer']);
    expect(mined.rules[0]).toEqual({
      antecedent: ['beer'],
      consequent: 'diapers',
      support: 0.6,
      confidence: 1,
      lift: 1.25,
      count: 3,
      antecedentCount: 3,
      consequentCount: 4,
      baskets: 5,
    });
    expect(mined.rules[2]).toMatchObject({ support: 0.4, confidence: 1, lift: 1.25, count: 2, antecedentCount: 2, consequentCount: 4 });
    expect(mined.rules[3]).toMatchObject({ support: 0.6, confidence: 0.75, lift: 1.25, count: 3, antecedentCount: 4, consequentCount: 3 });
    expect(mined).toMatchObject({ baskets: 5, oversizedBaskets: 0, products: 6, frequentProducts: 5, minCount: 2 });
  });

  it('keeps the rules with lift below 1 when the minimum allows them, in lift order', () => {
    // Same pairs with minLift 0 and minConfidence 0.75: bread↔milk, bread↔diapers, milk↔diapers (conf 3/4, lift 0.9375)
    // join below the 1.25s; bread→beer conf 2/4 and beer→bread conf 2/3 stay out on confidence.
    const mined = mineCrossSellRules(FIVE, { ...LOOSE, minConfidence: 0.75, minLift: 0 });
    expect(summary(mined.rules)).toEqual([
      'beer→diapers',
      'cola→diapers',
      'cola→milk',
      'diapers→beer',
      'bread→diapers',
      'bread→milk',
      'diapers→bread',
      'diapers→milk',
      'milk→bread',
      'milk→diapers',
    ]);
    expect(mined.rules[4]?.lift).toBe(0.9375);
  });

  it('gives the same rules whatever order the baskets and products come in', () => {
    const shuffled = [...FIVE].reverse().map((b) => ({ ...b, products: [...b.products].reverse() }));
    expect(mineCrossSellRules(shuffled, LOOSE)).toEqual(mineCrossSellRules(FIVE, LOOSE));
  });

  it('merges order lines sent as separate baskets and counts a product once per basket', () => {
    // o1 arrives as two lines; o2 lists A twice. Transactions {A,B}, {A,B}: N = 2, A 2, B 2, AB 2.
    // A→B: confidence 2/2 = 1, lift 2·2/(2·2) = 1.
    const mined = mineCrossSellRules([basket('o1', ['A']), basket('o2', ['A', 'A', 'B']), basket('o1', ['B'])], { minCount: 1, minLift: 1 });
    expect(summary(mined.rules)).toEqual(['A→B', 'B→A']);
    expect(mined.rules[0]).toMatchObject({ count: 2, antecedentCount: 2, consequentCount: 2, baskets: 2, support: 1, lift: 1 });
  });

  it('finds "bought by the same customers" when baskets are customers', () => {
    // Orders: c1 buys A then B; c2 buys A and B together; c3 buys C.
    const baskets = [basket('o1', ['A'], 'c1'), basket('o2', ['B'], 'c1'), basket('o3', ['A', 'B'], 'c2'), basket('o4', ['C'], 'c3')];
    // Per order: N = 4, A 2, B 2, AB 1 → lift 1·4/(2·2) = 1 < 1.2: nothing.
    expect(mineCrossSellRules(baskets, { minCount: 1, minSupport: 0 }).rules).toEqual([]);
    // Per customer: {A,B}, {A,B}, {C}: N = 3, AB 2 → support 2/3, confidence 1, lift 2·3/(2·2) = 1.5.
    const mined = mineCrossSellRules(baskets, { unit: 'customer', minCount: 1, minSupport: 0 });
    expect(summary(mined.rules)).toEqual(['A→B', 'B→A']);
    expect(mined.rules[0]).toMatchObject({ support: 2 / 3, confidence: 1, lift: 1.5, baskets: 3 });
  });

  it('returns no rules for no baskets, one-product baskets and empty baskets', () => {
    expect(mineCrossSellRules([])).toEqual({ rules: [], baskets: 0, oversizedBaskets: 0, products: 0, frequentProducts: 0, minCount: 5 });
    const single = mineCrossSellRules([basket('o1', ['A']), basket('o2', []), basket('o3', ['A'])], { minCount: 1 });
    // The empty basket is no transaction: N = 2.
    expect(single).toMatchObject({ rules: [], baskets: 2, products: 1, frequentProducts: 1 });
  });

  it('leaves out baskets over maxBasketProducts, from the counts and the denominator', () => {
    // Without o3 (3 products): {A,B}, {A,B}, {C}: N = 3, lift 2·3/(2·2) = 1.5.
    const baskets = [basket('o1', ['A', 'B']), basket('o2', ['A', 'B']), basket('o3', ['A', 'C', 'D']), basket('o4', ['C'])];
    const mined = mineCrossSellRules(baskets, { minCount: 1, maxBasketProducts: 2 });
    expect(mined).toMatchObject({ baskets: 3, oversizedBaskets: 1 });
    expect(mined.rules[0]).toMatchObject({ antecedent: ['A'], consequent: 'B', lift: 1.5, antecedentCount: 2 });
  });

  it('needs minCount baskets even when the support share asks for fewer', () => {
    // A+B together twice in 4 baskets: support 0.5 passes, but minCount 3 does not.
    const baskets = [basket('o1', ['A', 'B']), basket('o2', ['A', 'B']), basket('o3', ['C']), basket('o4', ['D'])];
    expect(mineCrossSellRules(baskets, { minCount: 3 }).rules).toEqual([]);
    expect(mineCrossSellRules(baskets, { minCount: 2 }).rules).toHaveLength(2);
  });

  it('does not round the support threshold up on floating-point noise', () => {
    // 0.07 · 100 = 7.000000000000001 in doubles; the threshold is 7 baskets, not 8.
    const baskets = Array.from({ length: 100 }, (_, i) => basket(`o${i}`, i < 7 ? ['A', 'B'] : ['C']));
    const mined = mineCrossSellRules(baskets, { minSupport: 0.07, minCount: 1 });
    expect(mined.minCount).toBe(7);
    expect(summary(mined.rules)).toEqual(['A→B', 'B→A']);
  });

  it('keeps only the best maxRules', () => {
    expect(summary(mineCrossSellRules(FIVE, { ...LOOSE, maxRules: 2 }).rules)).toEqual(['beer→diapers', 'cola→diapers']);
  });

  it('refuses a basket without an id or with a product that is not a code', () => {
    const noId = () => mineCrossSellRules([basket('o1', ['A']), basket('', ['B'])]);
    expect(noId).toThrow(InvalidBasketError);
    expect(noId).toThrow('basket 1: no orderId');
    try {
      mineCrossSellRules([basket('o1', ['A']), basket('o2', ['B']), basket('o3', ['C', ''])]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidBasketError);
      expect(error).toMatchObject({ code: 'invalid-basket', index: 2, reason: 'bad-product' });
    }
    const noCustomer = [{ orderId: 'o1', customerId: '', products: ['A'] }];
    expect(() => mineCrossSellRules(noCustomer, { unit: 'customer' })).toThrow('no customerId');
  });

  it('refuses bad settings with a typed error naming the setting', () => {
    const attempt = (settings: unknown) => () => mineCrossSellRules(FIVE, settings as never);
    expect(attempt({ minSupport: 1.5 })).toThrow(CrossSellSettingsError);
    expect(attempt({ minSupport: 1.5 })).toThrow(/minSupport/);
    expect(attempt({ maxBasketProducts: 1 })).toThrow(/maxBasketProducts/);
    expect(attempt({ unit: 'sku' })).toThrow(/unit/);
    expect(attempt({ minCount: 0.5 })).toThrow(/minCount/);
    expect(() => parseCrossSellSettings({ minLift: -1, minConfidence: 2 })).toThrow(
      expect.objectContaining({ code: 'invalid-cross-sell-settings', issues: [expect.stringMatching(/^minConfidence:/), expect.stringMatching(/^minLift:/)] }),
    );
  });
});

describe('CrossSellSettingsSchema', () => {
  it('has defaults for every setting', () => {
    expect(CrossSellSettingsSchema.parse(undefined)).toEqual({
      unit: 'order',
      minSupport: 0.001,
      minCount: 5,
      minConfidence: 0.1,
      minLift: 1.2,
      maxBasketProducts: 100,
      maxAntecedent: 1,
      maxRules: 5000,
    });
  });
});

/** mulberry32: a seeded generator so the generated baskets are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Baskets of 1–6 of `skus` products; a basket with SKU-0001 also gets SKU-0002 four times in five. */
function generate(count: number, skus: number, seed: number): Basket[] {
  const next = random(seed);
  const sku = (n: number) => `SKU-${String(n).padStart(4, '0')}`;
  return Array.from({ length: count }, (_, i) => {
    const products = Array.from({ length: 1 + Math.floor(next() * 6) }, () => sku(1 + Math.floor(next() ** 2 * skus)));
    if (products.includes(sku(1)) && next() < 0.8) products.push(sku(2));
    return basket(`o${i}`, products);
  });
}

/** The definitions, counted the slow and obvious way (every pair, and every triple if asked, with string keys), to check the fast path. */
function referenceRules(baskets: Basket[], minCount: number, triples = false) {
  const sets = baskets.map((b) => [...new Set(b.products)].sort());
  const n = sets.length;
  const single = new Map<string, number>();
  const together = new Map<string, number>();
  for (const s of sets) {
    for (const a of s) single.set(a, (single.get(a) ?? 0) + 1);
    for (const a of s) for (const b of s) if (a < b) together.set(`${a}|${b}`, (together.get(`${a}|${b}`) ?? 0) + 1);
    if (triples) for (const a of s) for (const b of s) for (const c of s) if (a < b && b < c) together.set(`${a}|${b}|${c}`, (together.get(`${a}|${b}|${c}`) ?? 0) + 1);
  }
  const rules: { rule: string; count: number; confidence: number; lift: number }[] = [];
  for (const [key, count] of together) {
    if (count < minCount) continue;
    const items = key.split('|');
    for (const y of items) {
      const x = items.filter((item) => item !== y);
      const cx = (x.length === 1 ? single : together).get(x.join('|')) ?? 0;
      const cy = single.get(y) ?? 0;
      rules.push({ rule: `${x.join('+')}→${y}`, count, confidence: count / cx, lift: count / cx / (cy / n) });
    }
  }
  return rules;
}

describe('mineCrossSellRules on generated baskets', () => {
  it.each([1, 2] as const)('agrees with a plain count of the definitions, antecedents up to %i', (maxAntecedent) => {
    const baskets = generate(3000, 60, 7);
    const mined = mineCrossSellRules(baskets, { minCount: 10, minSupport: 0, minConfidence: 0, minLift: 0, maxRules: 1_000_000, maxAntecedent });
    const reference = referenceRules(baskets, 10, maxAntecedent === 2);
    expect(mined.rules.length).toBe(reference.length);
    expect(mined.rules.length).toBeGreaterThan(100);
    expect(mined.rules.filter((r) => r.antecedent.length === maxAntecedent).length).toBeGreaterThan(20);
    const byName = new Map(reference.map((r) => [r.rule, r]));
    for (const rule of mined.rules) {
      const expected = byName.get(`${rule.antecedent.join('+')}→${rule.consequent}`);
      expect(expected).toBeDefined();
      expect(rule.count).toBe(expected?.count);
      expect(rule.confidence).toBeCloseTo(expected?.confidence ?? Number.NaN, 12);
      expect(rule.lift).toBeCloseTo(expected?.lift ?? Number.NaN, 12);
    }
    for (let i = 1; i < mined.rules.length; i++) {
      const [previous, rule] = [mined.rules[i - 1], mined.rules[i]];
      if (previous && rule) expect(compareRules(previous, rule)).toBeLessThan(0);
    }
  });

  it('mines 50 000 baskets over 2 000 SKUs and puts the planted pair first', () => {
    const baskets = generate(50_000, 2000, 42);
    const mined = mineCrossSellRules(baskets, { minSupport: 0.0005 });
    expect(mined.baskets).toBe(50_000);
    // SKU-0002 comes with SKU-0001 most of the time and is rare otherwise: the strongest rules are that pair.
    expect(summary(mined.rules.slice(0, 2)).sort()).toEqual(['SKU-0001→SKU-0002', 'SKU-0002→SKU-0001']);
    expect(mined.rules.find((r) => r.antecedent[0] === 'SKU-0001')?.confidence).toBeGreaterThan(0.75);
  });
});

describe('mineCrossSellRules with two-product antecedents', () => {
  it('mines {A, B} → C from the five baskets, worked by hand', () => {
    // Frequent pairs (≥ 2): bread+milk 3, bread+diapers 3, bread+beer 2, milk+diapers 3, milk+beer 2,
    // milk+cola 2, diapers+beer 3, diapers+cola 2. Triples whose three pairs are all frequent, counted:
    //   bread+milk+diapers 2 (o4, o5), bread+milk+beer 1, bread+diapers+beer 2 (o2, o4),
    //   milk+diapers+beer 2 (o3, o4), milk+diapers+cola 2 (o3, o5).
    // Rules, lift = 2·5 / (pair count · consequent count):
    //   {diapers,milk}→cola  conf 2/3, lift 10/(3·2) ≈ 1.667
    //   {beer,bread}→diapers, {beer,milk}→diapers: conf 2/2, lift 10/(2·4) = 1.25
    //   {cola,diapers}→milk, {cola,milk}→diapers:  conf 2/2, lift 10/(2·4) = 1.25
    //   {bread,diapers}→beer, {diapers,milk}→beer:  conf 2/3, lift 10/(3·3) ≈ 1.111
    //   the rest have lift 10/(3·4) ≈ 0.833 < 1. Pair rules as in the first example.
    const mined = mineCrossSellRules(FIVE, { ...LOOSE, maxAntecedent: 2 });
    expect(summary(mined.rules)).toEqual([
      'diapers+milk→cola',
      'beer→diapers',
      'beer+bread→diapers',
      'beer+milk→diapers',
      'cola→diapers',
      'cola→milk',
      'cola+diapers→milk',
      'cola+milk→diapers',
      'diapers→beer',
      'bread+diapers→beer',
      'diapers+milk→beer',
    ]);
    expect(mined.rules[0]).toEqual({
      antecedent: ['diapers', 'milk'],
      consequent: 'cola',
      support: 0.4,
      confidence: 2 / 3,
      lift: 10 / 6,
      count: 2,
      antecedentCount: 3,
      consequentCount: 2,
      baskets: 5,
    });
    expect(mined.rules[9]).toMatchObject({ antecedent: ['bread', 'diapers'], consequent: 'beer', antecedentCount: 3, consequentCount: 3, lift: 10 / 9 });
  });

  it('gives three rules for each triple with minCount baskets, none for one below', () => {
    // With no confidence or lift filter: the four triples counted twice give 4 · 3 = 12 rules;
    // bread+milk+beer (once) gives none, so {bread,milk}→beer is not there.
    const mined = mineCrossSellRules(FIVE, { ...LOOSE, minConfidence: 0, minLift: 0, maxAntecedent: 2 });
    const triples = summary(mined.rules.filter((r) => r.antecedent.length === 2));
    expect(triples).toHaveLength(12);
    expect(triples).not.toContain('bread+milk→beer');
    expect(triples).toContain('bread+milk→diapers');
  });
});
