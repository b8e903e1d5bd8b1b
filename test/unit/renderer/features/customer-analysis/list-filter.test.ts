import { describe, expect, it } from 'vitest';
import { tomorrowAtTen } from '../../../../../renderer/features/customer-analysis/analysis-format';
import { EMPTY_FORM, filterOf, splitTags, toggle } from '../../../../../renderer/features/customer-analysis/list-filter';
import { CustomerFilterSchema } from '../../../../../shared/protocol/customer-analysis';

describe('the customer list form', () => {
  it('sends no filter for an untouched form, and the hub accepts it', () => {
    const filter = filterOf(EMPTY_FORM);
    expect(filter).toEqual({ tiers: [], stages: [], tags: [], tagMode: 'any' });
    expect(CustomerFilterSchema.safeParse(filter).success).toBe(true);
  });

  it('turns ranges, tags and the complaints choice into the hub’s filter; a range typed backwards is put right', () => {
    const filter = filterOf({ ...EMPTY_FORM, tiers: ['vip'], recency: [4, 2], monetary: [5, 5], tags: 'north，wholesale、north, ', complaints: 'none' });
    expect(filter).toEqual({ tiers: ['vip'], stages: [], tags: ['north', 'wholesale'], tagMode: 'any', recency: { min: 2, max: 4 }, monetary: { min: 5, max: 5 }, openComplaints: false });
    expect(CustomerFilterSchema.safeParse(filter).success).toBe(true);
  });

  it('splits tags on either comma and the enumeration comma, and toggles choices', () => {
    expect(splitTags(' a ,b，c、a ')).toEqual(['a', 'b', 'c']);
    expect(toggle(['vip', 'key'], 'vip')).toEqual(['key']);
    expect(toggle(['key'], 'vip')).toEqual(['key', 'vip']);
  });

  it('sets the retention follow-up for tomorrow at 10:00 on the desk’s clock', () => {
    const due = new Date(tomorrowAtTen(new Date(2026, 11, 31, 23, 30).getTime()));
    expect([due.getFullYear(), due.getMonth(), due.getDate(), due.getHours(), due.getMinutes()]).toEqual([2027, 0, 1, 10, 0]);
  });
});
