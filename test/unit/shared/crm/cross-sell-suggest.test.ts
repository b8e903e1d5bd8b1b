import { describe, expect, it } from 'vitest';
import { type Basket, type CrossSellRule, mineCrossSellRules } from '../../../../shared/crm/cross-sell';
import {
  latestOutcomes,
  recentlyDeclined,
  SuggestionOutcomeSchema,
  suggestFor,
  suggestionFigures,
} from '../../../../shared/crm/cross-sell-suggest';

const basket = (orderId: string, products: string[]): Basket => ({ orderId, customerId: `c-${orderId}`, products });
const FIVE = [
  basket('o1', ['bread', 'milk']),
  basket('o2', ['bread', 'diapers', 'beer', 'eggs']),
  basket('o3', ['milk', 'diapers', 'beer', 'cola']),
  basket('o4', ['bread', 'milk', 'diapers', 'beer']),
  basket('o5', ['bread', 'milk', 'diapers', 'cola']),
];
// Pair rules, best first (worked in cross-sell.test.ts): beer→diapers, cola→diapers, cola→milk (lift 1.25, conf 1),
// diapers→beer (lift 1.25, conf 0.75). With two-product antecedents also {diapers,milk}→cola (lift 1.667, conf 2/3)
// and {bread,diapers}→beer, {diapers,milk}→beer (lift 1.111).
const LOOSE = { minSupport: 0.4, minCount: 1, minConfidence: 0.6, minLift: 1 };
const PAIRS = mineCrossSellRules(FIVE, LOOSE).rules;
const WITH_TRIPLES = mineCrossSellRules(FIVE, { ...LOOSE, maxAntecedent: 2 }).rules;
const why = (s: { product: string; rule: CrossSellRule }) => `${s.product} ← ${s.rule.antecedent.join('+')}`;

describe('suggestFor', () => {
  it('offers what the customer lacks, best rule first', () => {
    // Has cola and bread: cola→diapers and cola→milk apply; equal lift and confidence, so by name.
    expect(suggestFor(['cola', 'bread'], PAIRS, 5).map(why)).toEqual(['diapers ← cola', 'milk ← cola']);
    expect(suggestFor(['cola', 'bread'], PAIRS, 1).map(why)).toEqual(['diapers ← cola']);
  });

  it('never offers a product the customer already has', () => {
    // Has cola and milk: cola→milk is out (has milk), cola→diapers stays.
    expect(suggestFor(['cola', 'milk'], PAIRS, 5).map(why)).toEqual(['diapers ← cola']);
    expect(suggestFor(['beer', 'diapers'], PAIRS, 5)).toEqual([]);
  });

  it('justifies each product by its best rule and carries the figures for the screen', () => {
    // Has diapers and milk: cola via {diapers,milk}→cola (1.667); beer via diapers→beer (1.25) rather than {diapers,milk}→beer (1.111).
    const suggestions = suggestFor(['milk', 'diapers'], WITH_TRIPLES, 5);
    expect(suggestions.map(why)).toEqual(['cola ← diapers+milk', 'beer ← diapers']);
    expect(suggestions[1]?.rule).toMatchObject({ support: 0.6, confidence: 0.75, lift: 1.25, count: 3 });
  });

  it('needs the whole antecedent', () => {
    // Has milk only: no pair rule starts at milk (milk→cola has confidence 0.5), and {diapers,milk}→… needs diapers too.
    expect(suggestFor(['milk'], WITH_TRIPLES, 5)).toEqual([]);
  });

  it('does not depend on the order rules are stored in', () => {
    expect(suggestFor(['milk', 'diapers'], [...WITH_TRIPLES].reverse(), 5)).toEqual(suggestFor(['milk', 'diapers'], WITH_TRIPLES, 5));
  });

  it('leaves out excluded products, such as one declined last week', () => {
    expect(suggestFor(['cola', 'bread'], PAIRS, 5, ['diapers']).map(why)).toEqual(['milk ← cola']);
  });

  it('returns nothing for no rules, no purchases or a limit of 0, and refuses a bad limit', () => {
    expect(suggestFor(['cola'], [], 5)).toEqual([]);
    expect(suggestFor([], PAIRS, 5)).toEqual([]);
    expect(suggestFor(['cola'], PAIRS, 0)).toEqual([]);
    expect(() => suggestFor(['cola'], PAIRS, -1)).toThrow(RangeError);
    expect(() => suggestFor(['cola'], PAIRS, 1.5)).toThrow(RangeError);
  });
});

const ULID = (n: number) => `01JD${String(n).padStart(22, '0')}`;
const CUSTOMER = ULID(900);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);
const RULE = PAIRS[1] as CrossSellRule; // cola→diapers

const record = (n: number, suggestion: number, outcome: 'made' | 'taken' | 'declined', at: number, product = 'diapers', customerId = CUSTOMER) =>
  SuggestionOutcomeSchema.parse({
    id: ULID(n),
    suggestionId: ULID(100 + suggestion),
    customerId,
    agentId: ULID(800),
    interactionId: null,
    product,
    rule: RULE,
    recordedAt: at,
    outcome,
  });

describe('SuggestionOutcomeSchema', () => {
  it('parses the three outcomes with their defaults', () => {
    expect(record(1, 1, 'made', NOW).outcome).toBe('made');
    expect(record(2, 1, 'taken', NOW)).toMatchObject({ outcome: 'taken', orderId: null });
    expect(record(3, 1, 'declined', NOW)).toMatchObject({ outcome: 'declined', reason: '' });
  });

  it('refuses an unknown outcome, a bad id and a rule without figures', () => {
    const good = { id: ULID(1), suggestionId: ULID(2), customerId: CUSTOMER, agentId: null, interactionId: null, product: 'diapers', rule: RULE, recordedAt: NOW };
    expect(SuggestionOutcomeSchema.safeParse({ ...good, outcome: 'maybe' }).success).toBe(false);
    expect(SuggestionOutcomeSchema.safeParse({ ...good, outcome: 'made', customerId: 'c1' }).success).toBe(false);
    expect(SuggestionOutcomeSchema.safeParse({ ...good, outcome: 'made', rule: { ...RULE, lift: undefined } }).success).toBe(false);
    expect(SuggestionOutcomeSchema.safeParse({ ...good, outcome: 'declined', reason: 'x'.repeat(501) }).success).toBe(false);
  });
});

describe('outcome figures', () => {
  const records = [
    record(1, 1, 'made', NOW - 10 * DAY),
    record(2, 1, 'declined', NOW - 10 * DAY + 60_000),
    record(3, 2, 'made', NOW - 2 * DAY, 'milk'),
    record(4, 2, 'declined', NOW - 2 * DAY + 60_000, 'milk'),
    record(5, 3, 'made', NOW - DAY, 'beer'),
    record(6, 4, 'made', NOW - DAY, 'milk', ULID(901)),
    record(7, 4, 'taken', NOW - DAY + 1, 'milk', ULID(901)),
  ];

  it('keeps the latest record of each suggestion, whatever order they come in', () => {
    const latest = latestOutcomes([...records].reverse());
    expect(latest.map((r) => [r.suggestionId, r.outcome]).sort()).toEqual([
      [ULID(101), 'declined'],
      [ULID(102), 'declined'],
      [ULID(103), 'made'],
      [ULID(104), 'taken'],
    ]);
  });

  it('breaks a same-millisecond tie by record id', () => {
    const tie = [record(9, 1, 'taken', NOW), record(8, 1, 'declined', NOW)];
    expect(latestOutcomes(tie)[0]?.outcome).toBe('taken');
    expect(latestOutcomes([...tie].reverse())[0]?.outcome).toBe('taken');
  });

  it('lists what this customer declined in the last days', () => {
    // diapers declined 10 days ago, milk 2 days ago; the other customer's milk was taken.
    expect(recentlyDeclined(records, CUSTOMER, NOW, 7)).toEqual(['milk']);
    expect(recentlyDeclined(records, CUSTOMER, NOW, 30)).toEqual(['diapers', 'milk']);
    expect(recentlyDeclined(records, ULID(901), NOW, 30)).toEqual([]);
  });

  it('counts made, taken and declined per product with a take rate over answered ones', () => {
    // beer: 1 open → no rate. diapers: 1 declined → 0. milk: 1 declined, 1 taken → 1/2.
    expect(suggestionFigures(records)).toEqual([
      { product: 'beer', made: 1, taken: 0, declined: 0, takeRate: null },
      { product: 'diapers', made: 0, taken: 0, declined: 1, takeRate: 0 },
      { product: 'milk', made: 0, taken: 1, declined: 1, takeRate: 0.5 },
    ]);
    expect(suggestionFigures([])).toEqual([]);
  });
});
