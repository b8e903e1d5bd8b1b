import { describe, expect, it } from 'vitest';
import { buildSearchPlan, matchesAllTokens, phonePrefixesFor, rankHits, type SearchHit } from '../../../../renderer/db/search-plan';

describe('phonePrefixesFor', () => {
  it('reads a national number being typed in the default region', () => {
    expect(phonePrefixesFor('138 12', 'CN')).toEqual(['+8613812', '+13812']);
  });

  it('drops the trunk 0 of a national number', () => {
    expect(phonePrefixesFor('010 8888', 'CN')).toEqual(['+86108888']);
    expect(phonePrefixesFor('(020) 7946', 'GB')).toEqual(['+44207946']);
  });

  it('takes a leading + or 00 as international', () => {
    expect(phonePrefixesFor('+86 138', 'CN')).toEqual(['+86138']);
    expect(phonePrefixesFor('0044 20 79', 'CN')).toEqual(['+442079']);
  });

  it('ignores text and too few digits', () => {
    expect(phonePrefixesFor('12', 'CN')).toEqual([]);
    expect(phonePrefixesFor('wang 138', 'CN')).toEqual([]);
  });
});

describe('buildSearchPlan', () => {
  it('finds nothing to do for blank input', () => {
    expect(buildSearchPlan('   ', 'CN').termPrefix).toBeNull();
  });

  it('plans a complete phone number as an exact E.164 look-up, in any format', () => {
    for (const typed of ['138 1234 5678', '+86-138-1234-5678', '(138) 1234-5678', '0086 138 1234 5678']) {
      expect(buildSearchPlan(typed, 'CN').phoneExact).toBe('+8613812345678');
    }
  });

  it('looks a customer number up case-insensitively, and short digits without their padding', () => {
    expect(buildSearchPlan('c0001', 'CN').termPrefix).toBe('c0001');
    expect(buildSearchPlan('000123', 'CN').termPrefix).toBe('123');
  });

  it('uses the longest word for the index and keeps every word as a filter', () => {
    const plan = buildSearchPlan('Li Xiaoming', 'CN');
    expect(plan.termPrefix).toBe('xiaoming');
    expect(plan.tokens).toEqual(['li', 'xiaoming']);
    expect(plan.emailPrefix).toBeNull();
  });

  it('treats a single word as a possible email prefix', () => {
    expect(buildSearchPlan('Zhang.Wei@Ex', 'CN').emailPrefix).toBe('zhang.wei@ex');
    expect(buildSearchPlan('z', 'CN').emailPrefix).toBeNull();
  });
});

describe('matchesAllTokens', () => {
  it('needs every token to start some term', () => {
    expect(matchesAllTokens(['li na', 'li', 'na'], ['li', 'n'])).toBe(true);
    expect(matchesAllTokens(['li na', 'li', 'na'], ['li', 'x'])).toBe(false);
  });
});

describe('rankHits', () => {
  const hit = (name: string, match: SearchHit<{ name: string }>['match'], exact = false): SearchHit<{ name: string }> => ({
    customer: { name },
    match,
    matched: null,
    exact,
  });

  it('puts exact matches first, then phone, number, email, name, then by name', () => {
    const ranked = rankHits([hit('Bo', 'name'), hit('Al', 'name'), hit('Cy', 'email'), hit('Di', 'phone'), hit('Ed', 'number', true)]);
    expect(ranked.map((h) => h.customer.name)).toEqual(['Ed', 'Di', 'Cy', 'Al', 'Bo']);
  });
});
