import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeDraft } from '../../hub/db/change-log';
import { loadConfig } from '../../hub/config';
import { resolveCustomer, type ResolveContext } from '../../hub/customers/resolve-customer';
import { findCustomer } from '../../hub/db/customer-queries';
import { openStore, type Store } from '../../hub/db/open-store';
import { createLogger } from '../../hub/log';
import { TEST_STORES, type TestStore } from './helpers/test-stores';

/** Identity resolution against a real store: one contact, however it is written, is one customer. */
describe.each(TEST_STORES)('identity resolution on %s', (_label, makeStore) => {
  let test: TestStore;
  let store: Store;
  let now = Date.UTC(2026, 10, 24, 9);
  const context = (drafts: ChangeDraft[] = []): ResolveContext => {
    now += 1_000;
    return { trx: store.db, drafts, now, defaultRegion: 'GB' };
  };

  beforeAll(async () => {
    test = await makeStore();
    store = await openStore(loadConfig({ LOG_LEVEL: 'silent', ...test.env }).store, createLogger('silent'));
  });
  afterAll(async () => {
    await store?.close();
    await test?.cleanup();
  });

  it('makes one provisional phone customer for a national and an E.164 spelling of a number', async () => {
    const drafts: ChangeDraft[] = [];
    const first = await resolveCustomer(context(drafts), { kind: 'phone', value: '020 7946 0101', name: '' });
    expect(first).toMatchObject({ created: true, value: '+442079460101' });
    expect(drafts.map((draft) => `${draft.entity}:${draft.op}`)).toEqual(['customer:put', 'identity:put']);
    const customer = await findCustomer(store.db, first?.customerId ?? '');
    // No name given: the agent sees the number until someone saves the profile.
    expect(customer).toMatchObject({ name: '+442079460101', tags: ['provisional'] });
    expect(customer?.number).toMatch(/^P\d{7}$/);

    const again: ChangeDraft[] = [];
    expect(await resolveCustomer(context(again), { kind: 'phone', value: '+44 20 7946 0101', name: 'Someone else' })).toEqual({
      customerId: first?.customerId,
      created: false,
      value: '+442079460101',
    });
    expect(again).toEqual([]);
  });

  it('matches an email address whatever its case, and starts the E series for new senders', async () => {
    const first = await resolveCustomer(context(), { kind: 'email', value: '  Wang.Fang@Example.COM ', name: '王芳' });
    expect(first).toMatchObject({ created: true, value: 'wang.fang@example.com' });
    const customer = await findCustomer(store.db, first?.customerId ?? '');
    expect(customer).toMatchObject({ name: '王芳' });
    expect(customer?.number).toMatch(/^E\d{7}$/);
    expect(await resolveCustomer(context(), { kind: 'email', value: 'wang.fang@example.com', name: '' })).toMatchObject({
      customerId: first?.customerId,
      created: false,
    });
  });

  it('gives web visitors the W series and numbers each series on from its last customer', async () => {
    const a = await resolveCustomer(context(), { kind: 'visitor', value: 'v-1', name: 'Ann' });
    const b = await resolveCustomer(context(), { kind: 'visitor', value: 'v-2', name: 'Bo' });
    const numbers = await Promise.all([a, b].map(async (resolved) => (await findCustomer(store.db, resolved?.customerId ?? ''))?.number));
    expect(numbers).toEqual(['W0000001', 'W0000002']);
  });

  it('resolves nothing for a value that cannot be an identity', async () => {
    const drafts: ChangeDraft[] = [];
    expect(await resolveCustomer(context(drafts), { kind: 'phone', value: 'not a number', name: 'x' })).toBeNull();
    expect(await resolveCustomer(context(drafts), { kind: 'email', value: 'nobody-at-example', name: 'x' })).toBeNull();
    expect(drafts).toEqual([]);
  });
});
