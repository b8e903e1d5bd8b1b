import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tier } from '../../../../shared/domain/customer';
import { DEFAULT_ROUTING_POLICY } from '../../../../shared/domain/routing';
import {
  effectivePriority,
  MAX_BASE_PRIORITY,
  routingOrder,
  starvationBoundMs,
  tierBoost,
} from '../../../../shared/routing/priority';
import { policyArb } from './arbitraries';
import { makeTask, NOW } from './fixtures';

const P = DEFAULT_ROUTING_POLICY.priority;
const tierArb = fc.constantFrom<Tier | null>(null, 'vip', 'key', 'ordinary', 'small');
const baseArb = fc.integer({ min: 0, max: MAX_BASE_PRIORITY });
const priorityPolicyArb = policyArb.map((p) => p.priority);

describe('effectivePriority', () => {
  it('adds the tier boost and ageing to the base', () => {
    expect(effectivePriority({ priority: 3, customerTier: null, createdAt: NOW }, NOW, P)).toBe(3);
    expect(effectivePriority({ priority: 3, customerTier: 'vip', createdAt: NOW }, NOW, P)).toBe(23);
    expect(effectivePriority({ priority: 3, customerTier: 'key', createdAt: NOW - 90_000 }, NOW, P)).toBe(16);
    expect(effectivePriority({ priority: 0, customerTier: 'small', createdAt: NOW - 60_000 }, NOW, P)).toBe(2);
  });

  it('does not count a wait from the future', () => {
    expect(effectivePriority({ priority: 1, customerTier: null, createdAt: NOW + 5_000 }, NOW, P)).toBe(1);
  });

  it('boosts VIP most, key less, and no one else', () => {
    expect((['vip', 'key', 'ordinary', 'small', null] as const).map((t) => tierBoost(t, P))).toEqual([20, 10, 0, 0, 0]);
  });

  it('with the defaults, no task waits more than an hour behind fresh arrivals', () => {
    expect(starvationBoundMs(P)).toBe(60 * 60_000 + 1);
  });
});

describe('routing order properties', () => {
  it('puts a VIP ahead of a key customer ahead of everyone else, for the same base and wait', () => {
    fc.assert(
      fc.property(priorityPolicyArb, baseArb, fc.integer({ min: 0, max: 10_000_000 }), (policy, base, waited) => {
        const at = (tier: Tier, id: number) => makeTask(id, { priority: base, customerTier: tier, createdAt: NOW - waited });
        // Ids put the lower tier first, so only the boost can put the higher tier ahead.
        const order = routingOrder([at('small', 1), at('ordinary', 2), at('key', 3), at('vip', 4)], NOW, policy);
        const rank = (tier: Tier) => order.findIndex((t) => t.customerTier === tier);
        if (policy.vipBoost > 0) expect(rank('vip')).toBeLessThan(rank('ordinary'));
        if (policy.vipBoost > policy.keyBoost) expect(rank('vip')).toBeLessThan(rank('key'));
        if (policy.keyBoost > 0) expect(rank('key')).toBeLessThan(rank('small'));
      }),
    );
  });

  it(`no starvation: once a task has waited starvationBoundMs it is ahead of any task that has just arrived`, () => {
    fc.assert(
      fc.property(
        priorityPolicyArb,
        baseArb,
        tierArb,
        baseArb,
        tierArb,
        fc.integer({ min: 0, max: 3_600_000 }),
        (policy, oldBase, oldTier, newBase, newTier, extra) => {
          const waited = starvationBoundMs(policy) + extra;
          // The old task gets the larger id, so only its wait can put it first.
          const fresh = makeTask(1, { priority: newBase, customerTier: newTier, createdAt: NOW });
          const old = makeTask(2, { priority: oldBase, customerTier: oldTier, createdAt: NOW - waited });
          expect(routingOrder([fresh, old], NOW, policy)[0]).toBe(old);
        },
      ),
    );
  });

  it('the bound is tight: just short of it, a base-0 ordinary task is still behind a fresh base-100 VIP', () => {
    const fresh = makeTask(1, { priority: MAX_BASE_PRIORITY, customerTier: 'vip', createdAt: NOW });
    const old = makeTask(2, { priority: 0, customerTier: 'ordinary', createdAt: NOW - starvationBoundMs(P) + 1_000 });
    expect(routingOrder([fresh, old], NOW, P)[0]).toBe(fresh);
  });

  it('the order of waiting tasks does not change as time passes', () => {
    fc.assert(
      fc.property(
        priorityPolicyArb,
        fc.array(fc.record({ base: baseArb, tier: tierArb, ago: fc.integer({ min: 0, max: 7_200_000 }) }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 7_200_000 }),
        (policy, specs, later) => {
          const tasks = specs.map((s, i) => makeTask(i + 1, { priority: s.base, customerTier: s.tier, createdAt: NOW - s.ago }));
          expect(routingOrder(tasks, NOW + later, policy).map((t) => t.id)).toEqual(routingOrder(tasks, NOW, policy).map((t) => t.id));
        },
      ),
    );
  });
});
