import { describe, expect, it } from 'vitest';
import { ChangeSchema, HistoryRequestSchema } from '../../../../shared/protocol/changes';

const ID = '01HK153X00GCFZ7ZYJE20XT0GY';
const CUSTOMER = '01HK153X00GCFZ7ZYJE20XT0GZ';

describe('ChangeSchema', () => {
  it('parses every kind of change, identity put and delete included', () => {
    const changes = [
      { seq: 1, entity: 'customer', op: 'put', data: { id: CUSTOMER, number: 'C000001', name: '张伟', company: null, tags: [], tier: 'vip', createdAt: 1, updatedAt: 2 } },
      { seq: 2, entity: 'identity', op: 'put', data: { id: ID, customerId: CUSTOMER, kind: 'phone', value: '+8613800138000' } },
      { seq: 3, entity: 'identity', op: 'delete', data: { id: ID, customerId: CUSTOMER } },
      { seq: 4, entity: 'interaction', op: 'put', data: { id: ID, customerId: CUSTOMER, occurredAt: 5, agentId: null, channel: 'note', text: '回访' } },
    ];
    for (const change of changes) expect(ChangeSchema.parse(change)).toEqual(change);
  });

  it('refuses an op an entity does not have, and a delete without its ids', () => {
    expect(ChangeSchema.safeParse({ seq: 1, entity: 'interaction', op: 'delete', data: { id: ID, customerId: CUSTOMER } }).success).toBe(false);
    // A customer is deleted only when linked into another (hub/customers/link-customer.ts), by id.
    expect(ChangeSchema.safeParse({ seq: 1, entity: 'customer', op: 'delete', data: {} }).success).toBe(false);
    expect(ChangeSchema.safeParse({ seq: 1, entity: 'customer', op: 'delete', data: { id: CUSTOMER } }).success).toBe(true);
    expect(ChangeSchema.safeParse({ seq: 1, entity: 'identity', op: 'delete', data: { id: ID } }).success).toBe(false);
    expect(ChangeSchema.safeParse({ seq: 0, entity: 'identity', op: 'delete', data: { id: ID, customerId: CUSTOMER } }).success).toBe(false);
  });
});

describe('HistoryRequestSchema', () => {
  it('takes an optional beforeId tie-break and defaults the page size', () => {
    expect(HistoryRequestSchema.parse({ customerId: CUSTOMER, before: 10 })).toEqual({ customerId: CUSTOMER, before: 10, limit: 200 });
    expect(HistoryRequestSchema.parse({ customerId: CUSTOMER, before: 10, beforeId: ID, limit: 5 }).beforeId).toBe(ID);
    expect(HistoryRequestSchema.safeParse({ customerId: CUSTOMER, before: 10, beforeId: 'nope' }).success).toBe(false);
  });
});
