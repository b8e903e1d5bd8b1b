import { describe, expect, it } from 'vitest';
import { upsertBy } from '../../../../../renderer/features/admin/use-hub-data';
import { pickedRecord } from '../../../../../renderer/features/admin/use-list-selection';

type Row = { id: string; name: string };
const rows: Row[] = [
  { id: 'a', name: 'General' },
  { id: 'b', name: 'Billing' },
];
const id = (row: Row) => row.id;

describe('list records', () => {
  it('puts a saved record in place of the old one, or at the end when new', () => {
    expect(upsertBy(rows, { id: 'b', name: 'Billing 2' }, id)).toEqual([rows[0], { id: 'b', name: 'Billing 2' }]);
    expect(upsertBy(rows, { id: 'c', name: 'VIP' }, id).map(id)).toEqual(['a', 'b', 'c']);
    expect(rows).toHaveLength(2);
  });

  it('shows the picked record, else the first, else nothing', () => {
    expect(pickedRecord(rows, 'b', id)?.name).toBe('Billing');
    expect(pickedRecord(rows, null, id)?.name).toBe('General');
    expect(pickedRecord(rows, 'gone', id)?.name).toBe('General');
    expect(pickedRecord([], null, id)).toBeNull();
  });
});
