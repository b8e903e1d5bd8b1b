import { describe, expect, it } from 'vitest';
import { BadAnswerError, ChangeListSchema, HubRefusalError, PullResultSchema, unwrapAck } from '../../../../renderer/sync/wire';
import { changesFrom, makeCustomer, makeIdentity } from '../fixtures';

describe('ChangeListSchema', () => {
  it('accepts every change kind, identity deletes included', () => {
    const customer = makeCustomer();
    const phone = makeIdentity(customer.id, 'phone', '+8613800000000');
    const changes = changesFrom(1, customer, phone, { delete: phone });
    expect(ChangeListSchema.parse(changes)).toEqual(changes);
  });

  it('rejects a change that breaks the domain schema', () => {
    const changes = changesFrom(1, makeCustomer({ tier: 'gold' as 'vip' }));
    expect(ChangeListSchema.safeParse(changes).success).toBe(false);
  });
});

describe('unwrapAck', () => {
  it('returns parsed data from an ok ack', () => {
    const data = { changes: [], cursor: 3, head: 3, more: false };
    expect(unwrapAck('sync:pull', { ok: true, data }, PullResultSchema)).toEqual(data);
  });

  it('raises the hub refusal with its code', () => {
    const ack = { ok: false, error: { code: 'cursor-ahead', message: 'since is past head' } };
    expect(() => unwrapAck('sync:pull', ack, PullResultSchema)).toThrow(HubRefusalError);
  });

  it('raises a bad answer for anything else', () => {
    expect(() => unwrapAck('sync:pull', { ok: true, data: { changes: 'no' } }, PullResultSchema)).toThrow(BadAnswerError);
    expect(() => unwrapAck('sync:pull', 'garbage', PullResultSchema)).toThrow(BadAnswerError);
  });
});
