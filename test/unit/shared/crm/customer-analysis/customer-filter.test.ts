import { describe, expect, it } from 'vitest';
import { type CustomerFilter, decodeCursor, encodeCursor, ListCursorError, planCustomerList } from '../../../../../shared/crm/analysis/customer-filter';
import { CustomerListRequestSchema } from '../../../../../shared/protocol/customer-analysis';

const none: CustomerFilter = { tiers: [], stages: [], tags: [], tagMode: 'any' };
const page = { sort: 'profit' as const, direction: 'desc' as const, limit: 50 };

describe('planCustomerList', () => {
  it('drops filters that exclude nothing: empty lists, and a full 1–5 RFM range', () => {
    const plan = planCustomerList({ ...none, recency: { min: 1, max: 5 }, frequency: { min: 2, max: 5 }, tags: ['  ', ''] }, page);
    expect(plan).toMatchObject({ tiers: null, stages: null, tags: null, openComplaints: null, rfm: [{ column: 'rfm_f', min: 2, max: 5 }], fetch: 51, sortKind: 'number' });
  });

  it('keeps tiers, stages and tags once each, trimmed, with the tag mode', () => {
    const plan = planCustomerList({ ...none, tiers: ['vip', 'vip', 'key'], stages: ['decline'], tags: [' north', 'north', 'wholesale'], tagMode: 'all', openComplaints: false }, page);
    expect(plan).toMatchObject({ tiers: ['vip', 'key'], stages: ['decline'], tags: { mode: 'all', values: ['north', 'wholesale'] }, openComplaints: false });
  });

  it('continues after a cursor of the same sort, and refuses one of another sort or a forged one', () => {
    const cursor = encodeCursor({ value: 1200, id: '01J' });
    expect(planCustomerList(none, { ...page, after: cursor }).after).toEqual({ value: 1200, id: '01J' });
    expect(decodeCursor(encodeCursor({ value: '王', id: 'X' }), 'name')).toEqual({ value: '王', id: 'X' });
    expect(() => planCustomerList(none, { ...page, sort: 'name', after: cursor })).toThrow(ListCursorError);
    expect(() => decodeCursor('not json', 'profit')).toThrow(/not JSON/);
    expect(() => decodeCursor('[1]', 'profit')).toThrow(/\[value, id\]/);
    expect(() => decodeCursor('[null, "x"]', 'clv')).toThrow(/clv/);
  });
});

describe('CustomerListRequestSchema', () => {
  it('fills the defaults', () => {
    expect(CustomerListRequestSchema.parse({})).toEqual({ tiers: [], stages: [], tags: [], tagMode: 'any', sort: 'profit', direction: 'desc', limit: 50 });
  });

  it('refuses each bad field with its path', () => {
    const paths = (input: unknown) => CustomerListRequestSchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ recency: { min: 5, max: 1 } })).toEqual(['recency.max']);
    expect(paths({ monetary: { min: 0 } })).toEqual(['monetary.min']);
    expect(paths({ tiers: ['gold'] })).toEqual(['tiers.0']);
    expect(paths({ stages: ['churned'] })).toEqual(['stages.0']);
    expect(paths({ tags: [''] })).toEqual(['tags.0']);
    expect(paths({ limit: 501 })).toEqual(['limit']);
    expect(paths({ sort: 'rank' })).toEqual(['sort']);
    expect(paths({ owner: 'me' })).toEqual(['']);
  });
});
