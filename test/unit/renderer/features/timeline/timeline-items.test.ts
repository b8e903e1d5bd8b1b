import { describe, expect, it } from 'vitest';
import { historyCursor, mergeTimeline, missingIds } from '../../../../../renderer/features/timeline/timeline-items';
import { makeNote } from '../../fixtures';

describe('mergeTimeline', () => {
  it('appends older history after the cached ids, once each', () => {
    const a = makeNote('C', 3);
    const b = makeNote('C', 2);
    expect(mergeTimeline(['x', a.id], [a, b])).toEqual(['x', a.id, b.id]);
  });
});

describe('missingIds', () => {
  it('lists unloaded ids inside the window only', () => {
    const ids = ['a', 'b', 'c', 'd'];
    expect(missingIds(ids, -5, 3, (id) => id === 'b')).toEqual(['a', 'c']);
  });
});

describe('historyCursor', () => {
  it('continues below the last fetched row, else the oldest cached row, else now — with the id as tie-break', () => {
    const cachedOldest = makeNote('C', 50);
    const lastFetched = makeNote('C', 30);
    expect(historyCursor(cachedOldest, [makeNote('C', 40), lastFetched], 100)).toEqual({ before: 30, beforeId: lastFetched.id });
    expect(historyCursor(cachedOldest, [], 100)).toEqual({ before: 50, beforeId: cachedOldest.id });
    expect(historyCursor(undefined, [], 100)).toEqual({ before: 101 });
  });
});
