import { describe, expect, it } from 'vitest';
import type { Change } from '../../../../shared/protocol/changes';
import { pageOfChanges } from '../../../../hub/sync/pull-page';

const identityDelete = (seq: number): Change => ({
  seq,
  entity: 'identity',
  op: 'delete',
  data: { id: '01HK153X00GCFZ7ZYJE20XT0GY', customerId: '01HK153X00GCFZ7ZYJE20XT0GZ' },
});

describe('pageOfChanges', () => {
  it('moves the cursor to the head on a short page, even past filtered rows', () => {
    // seqs 11 and 12 were old interactions, filtered out; the page is short so the window is exhausted.
    expect(pageOfChanges([identityDelete(9), identityDelete(10)], 12, 5)).toMatchObject({ cursor: 12, head: 12, more: false });
  });

  it('stops at the last change of a full page and says there is more', () => {
    const page = pageOfChanges([identityDelete(1), identityDelete(2), identityDelete(3)], 10, 3);
    expect(page).toMatchObject({ cursor: 3, head: 10, more: true });
    expect(page.changes.map((change) => change.seq)).toEqual([1, 2, 3]);
  });

  it('has no more when a full page ends exactly at the head', () => {
    expect(pageOfChanges([identityDelete(2), identityDelete(3)], 3, 2)).toMatchObject({ cursor: 3, more: false });
  });

  it('answers an empty page at the head when nothing is new', () => {
    expect(pageOfChanges([], 7, 100)).toEqual({ changes: [], cursor: 7, head: 7, more: false });
  });
});
