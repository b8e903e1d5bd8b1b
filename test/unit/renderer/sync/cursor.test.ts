import { describe, expect, it } from 'vitest';
import { checkProgress, classifyLiveBatch, OutOfSyncError, syncProgress } from '../../../../renderer/sync/cursor';
import { changesFrom, makeCustomer } from '../fixtures';

const batch = (firstSeq: number, count: number) =>
  changesFrom(firstSeq, ...Array.from({ length: count }, () => makeCustomer()));

describe('classifyLiveBatch', () => {
  it('applies a batch that starts right after the cursor and moves the cursor to its end', () => {
    const decision = classifyLiveBatch(10, batch(11, 3));
    expect(decision.kind).toBe('apply');
    if (decision.kind === 'apply') {
      expect(decision.cursor).toBe(13);
      expect(decision.changes.map((c) => c.seq)).toEqual([11, 12, 13]);
    }
  });

  it('ignores changes at or below the cursor (a pull got there first)', () => {
    expect(classifyLiveBatch(10, batch(9, 2))).toEqual({ kind: 'stale' });
    const decision = classifyLiveBatch(10, batch(9, 4));
    expect(decision.kind === 'apply' && decision.changes.map((c) => c.seq)).toEqual([11, 12]);
  });

  it('reports a gap when the first new seq is past cursor + 1', () => {
    expect(classifyLiveBatch(10, batch(12, 2))).toEqual({ kind: 'gap', expected: 11, got: 12 });
  });

  it('reports a gap inside the batch', () => {
    const holed = [...batch(11, 1), ...batch(13, 1)];
    expect(classifyLiveBatch(10, holed)).toEqual({ kind: 'gap', expected: 12, got: 13 });
  });

  it('sorts a batch that arrived out of order', () => {
    const decision = classifyLiveBatch(0, batch(1, 3).reverse());
    expect(decision.kind === 'apply' && decision.cursor).toBe(3);
  });
});

describe('checkProgress', () => {
  it('refuses a page that promises more without moving the cursor', () => {
    expect(() => checkProgress(5, { cursor: 5, more: true })).toThrow(OutOfSyncError);
    expect(() => checkProgress(5, { cursor: 5, more: false })).not.toThrow();
    expect(() => checkProgress(5, { cursor: 9, more: true })).not.toThrow();
  });
});

describe('syncProgress', () => {
  it('is the applied share of the log, clamped', () => {
    expect(syncProgress(25, 100)).toBe(0.25);
    expect(syncProgress(120, 100)).toBe(1);
    expect(syncProgress(0, 0)).toBe(1);
  });
});
