import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoChunks, demoCustomers, demoUsers, HISTORY_SPAN_MS } from '../../../../shared/demo';
import { CustomerSchema, IdentitySchema } from '../../../../shared/domain/customer';
import { InteractionSchema } from '../../../../shared/domain/interaction';
import { UserSchema } from '../../../../shared/domain/user';
import { toE164 } from '../../../../shared/phone/e164';

const NOW = Date.UTC(2025, 5, 1, 8, 0, 0);
const small = { seed: 7, customers: 300, now: NOW, heavyCustomerInteractions: 400 };
const all = (options: Parameters<typeof demoCustomers>[0]) => [...demoCustomers(options)];

describe('demo generator', () => {
  it('is deterministic: the same seed and clock give identical data', () => {
    expect(JSON.stringify(all(small))).toBe(JSON.stringify(all(small)));
  });

  it('differs with another seed', () => {
    const a = all(small).map((entry) => entry.customer.name);
    const b = all({ ...small, seed: 8 }).map((entry) => entry.customer.name);
    expect(a).not.toEqual(b);
  });

  it('chunks the same data however it is sliced', () => {
    const whole = all(small);
    const chunks = [...demoChunks(small, { customers: 37, interactions: 500 })];
    expect(chunks.length).toBeGreaterThan(8);
    expect(chunks.flatMap((chunk) => chunk.customers)).toEqual(whole.map((entry) => entry.customer));
    expect(chunks.flatMap((chunk) => chunk.interactions)).toEqual(whole.flatMap((entry) => entry.interactions));
    for (const chunk of chunks) {
      const ids = new Set(chunk.customers.map((customer) => customer.id));
      for (const interaction of chunk.interactions) expect(ids.has(interaction.customerId)).toBe(true);
      for (const identity of chunk.identities) expect(ids.has(identity.customerId)).toBe(true);
    }
  });

  it('produces records that pass the shared schemas', () => {
    for (const { customer, identities, interactions } of all(small)) {
      CustomerSchema.parse(customer);
      for (const identity of identities) IdentitySchema.parse(identity);
      for (const interaction of interactions) InteractionSchema.parse(interaction);
    }
  });

  it('makes C000001 the heavy VIP with the requested history length', () => {
    const [first, second] = all(small);
    expect(first?.customer).toMatchObject({ number: 'C000001', name: '张伟', tier: 'vip' });
    expect(first?.interactions).toHaveLength(400);
    expect(second?.customer.number).toBe('C000002');
  });

  it('keeps identities unique and phones in E.164 that re-normalise to themselves', () => {
    const seen = new Set<string>();
    for (const { identities } of demoCustomers({ ...small, customers: 3_000, maxInteractionsPerCustomer: 0 })) {
      for (const identity of identities) {
        const key = `${identity.kind}:${identity.value}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        if (identity.kind === 'phone') expect(toE164(identity.value)).toBe(identity.value);
        if (identity.kind === 'email') expect(identity.value).toBe(identity.value.toLowerCase());
      }
    }
    const phones = [...seen].filter((key) => key.startsWith('phone:'));
    expect(phones.some((key) => key.startsWith('phone:+86'))).toBe(true);
    expect(phones.some((key) => key.startsWith('phone:+44'))).toBe(true);
    expect(phones.some((key) => key.startsWith('phone:+1'))).toBe(true);
  });

  it('follows the tier pyramid and mixes Chinese and English names', () => {
    const customers = [...demoCustomers({ ...small, customers: 4_000, maxInteractionsPerCustomer: 0 })].map((entry) => entry.customer);
    const share = (tier: string) => customers.filter((customer) => customer.tier === tier).length / customers.length;
    expect(share('vip')).toBeGreaterThan(0.004);
    expect(share('vip')).toBeLessThan(0.02);
    expect(share('key')).toBeCloseTo(0.19, 1);
    expect(share('ordinary')).toBeCloseTo(0.3, 1);
    expect(share('small')).toBeCloseTo(0.5, 1);
    const chinese = customers.filter((customer) => /^[\u4e00-\u9fff]+$/.test(customer.name)).length / customers.length;
    expect(chinese).toBeGreaterThan(0.45);
    expect(chinese).toBeLessThan(0.55);
    expect(customers.some((customer) => customer.company?.endsWith('有限公司'))).toBe(true);
  });

  it('spreads history over three years, busier recently, across every channel', () => {
    const interactions = all(small).flatMap((entry) => entry.interactions);
    const oldest = Math.min(...interactions.map((interaction) => interaction.occurredAt));
    expect(oldest).toBeGreaterThanOrEqual(NOW - HISTORY_SPAN_MS);
    for (const interaction of interactions) expect(interaction.occurredAt).toBeLessThanOrEqual(NOW);
    const lastYear = interactions.filter((interaction) => interaction.occurredAt > NOW - HISTORY_SPAN_MS / 3).length;
    expect(lastYear / interactions.length).toBeGreaterThan(0.5);
    const channels = new Set(interactions.map((interaction) => interaction.channel));
    expect([...channels].sort()).toEqual(['call', 'chat', 'email', 'note', 'order', 'sms', 'video']);
    for (const interaction of interactions) {
      if (interaction.channel === 'order') expect(Number.isInteger(interaction.amount) && interaction.amount > 0).toBe(true);
      if (interaction.channel === 'chat') expect(interaction.messages.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps each timeline in time order', () => {
    for (const { interactions } of all(small)) {
      for (let i = 1; i < interactions.length; i += 1) {
        expect(interactions[i]?.occurredAt).toBeGreaterThanOrEqual(interactions[i - 1]?.occurredAt ?? 0);
      }
    }
  });

  it('deals out an exact total for benchmarks', () => {
    const customers = all({ seed: 1, customers: 97, now: NOW, totalInteractions: 1_000, heavyCustomerInteractions: 0 });
    const counts = customers.map((entry) => entry.interactions.length);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1_000);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});

describe('demo users', () => {
  it('are agent1…agent5, supervisor and admin with stable ids', () => {
    const users = demoUsers();
    expect(users.map((user) => `${user.username}:${user.role}`)).toEqual([
      'agent1:agent',
      'agent2:agent',
      'agent3:agent',
      'agent4:agent',
      'agent5:agent',
      'supervisor:supervisor',
      'admin:admin',
    ]);
    for (const user of users) UserSchema.parse(user);
    expect(demoUsers()).toEqual(users);
    expect(new Set(users.map((user) => user.id)).size).toBe(users.length);
    expect(DEMO_PASSWORD).toBe('demo1234');
  });
});

describe('demo continued into a store that has customers', () => {
  it('numbers on from firstIndex with identities that do not collide with the first batch', () => {
    const first = all({ seed: 3, customers: 50, now: NOW, maxInteractionsPerCustomer: 2, heavyCustomerInteractions: 0 });
    const more = all({ seed: 3, customers: 50, now: NOW, maxInteractionsPerCustomer: 2, firstIndex: 50 });
    expect(more[0]?.customer.number).toBe('C000051');
    expect(more[0]?.customer.name).not.toBe('张伟');
    const values = [...first, ...more].flatMap((entry) => entry.identities.map((identity) => `${identity.kind}:${identity.value}`));
    expect(new Set(values).size).toBe(values.length);
  });
});
