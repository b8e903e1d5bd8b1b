import { describe, expect, it } from 'vitest';
import { customerTerms, normaliseText, numberTerms, splitWords } from '../../../../renderer/db/search-terms';

describe('normaliseText', () => {
  it('lower-cases ASCII without touching it otherwise', () => {
    expect(normaliseText('  Wang XIAOMING ')).toBe('wang xiaoming');
  });

  it('folds full-width letters and digits (Chinese IME input) and accents', () => {
    expect(normaliseText('ＷＡＮＧ１２３')).toBe('wang123');
    expect(normaliseText('José Müller')).toBe('jose muller');
  });

  it('keeps Chinese characters', () => {
    expect(normaliseText('王小明')).toBe('王小明');
  });
});

describe('splitWords', () => {
  it('splits on spaces, punctuation and the Chinese middle dot', () => {
    expect(splitWords('mary-ann o’brien')).toEqual(['mary', 'ann', 'o', 'brien']);
    expect(splitWords('阿卜杜拉·买买提')).toEqual(['阿卜杜拉', '买买提']);
  });
});

describe('numberTerms', () => {
  it('indexes a customer number in full and as its significant digits', () => {
    expect(numberTerms('C000123')).toEqual(['c000123', '123']);
  });

  it('indexes a number without a letter prefix or zero padding once', () => {
    expect(numberTerms('98765')).toEqual(['98765']);
    expect(numberTerms('VIP-7')).toEqual(['vip-7']);
  });
});

describe('customerTerms', () => {
  it('has the full name, each word and the number, without repeats', () => {
    expect(customerTerms({ name: 'Li Na', number: 'C000042' })).toEqual(['li na', 'li', 'na', 'c000042', '42']);
  });

  it('does not repeat a one-word name as a word', () => {
    expect(customerTerms({ name: '王小明', number: 'C1' })).toEqual(['王小明', 'c1', '1']);
  });
});
