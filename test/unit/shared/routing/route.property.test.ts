import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Offer, type RoutingInput, routeTasks } from '../../../../shared/routing/route';
import { routingArb, shuffled } from './arbitraries';
import { held, qualifies, referenceRoute } from './reference-route';

const RUNS = { numRuns: 400 };

function finalLoads(input: RoutingInput, offers: readonly Offer[]) {
  const loads = new Map(input.agents.map((a) => [a.profile.userId, { ...a.load }]));
  const channelOf = new Map(input.tasks.map((t) => [t.id, t.channel]));
  for (const offer of offers) {
    const load = loads.get(offer.agentId);
    const channel = channelOf.get(offer.taskId);
    if (load && channel) load[channel] = (load[channel] ?? 0) + 1;
  }
  return loads;
}

describe('routeTasks properties', () => {
  it('makes exactly the offers of the slow reference implementation', () => {
    fc.assert(
      fc.property(routingArb, ({ input, policy }) => {
        expect(routeTasks(input, policy)).toEqual(referenceRoute(input, policy));
      }),
      RUNS,
    );
  });

  it('offers each task at most once, only queued tasks, only to available members with the skills who did not decline', () => {
    fc.assert(
      fc.property(routingArb, ({ input, policy }) => {
        const offers = routeTasks(input, policy);
        expect(new Set(offers.map((o) => o.taskId)).size).toBe(offers.length);
        for (const offer of offers) {
          const task = input.tasks.find((t) => t.id === offer.taskId);
          const agent = input.agents.find((a) => a.profile.userId === offer.agentId);
          const queue = input.queues.find((q) => q.id === task?.queueId);
          if (!task || !agent || !queue) throw new Error('offer names something not in the input');
          expect(task.status).toBe('queued');
          // Capacity aside (checked below on the final loads), the agent qualifies.
          expect(qualifies(agent, {}, task, queue, { ...policy, oneLiveConversation: false }) || (agent.profile.capacity[task.channel] ?? 0) === 0).toBe(true);
          expect(agent.profile.capacity[task.channel] ?? 0).toBeGreaterThan(0);
          if (held(task, queue, input.now)) expect(offer).toMatchObject({ agentId: task.preferredAgentId, reason: 'preferred' });
        }
      }),
      RUNS,
    );
  });

  it('never takes an agent over capacity on any channel, nor into two live conversations', () => {
    fc.assert(
      fc.property(routingArb, ({ input, policy }) => {
        const offers = routeTasks(input, policy);
        const loads = finalLoads(input, offers);
        for (const agent of input.agents) {
          const given = offers.filter((o) => o.agentId === agent.profile.userId);
          if (given.length === 0) continue;
          const load = loads.get(agent.profile.userId) ?? {};
          const channels = new Set(given.map((o) => input.tasks.find((t) => t.id === o.taskId)?.channel));
          for (const channel of channels) {
            if (!channel) continue;
            expect(load[channel] ?? 0).toBeLessThanOrEqual(agent.profile.capacity[channel] ?? 0);
            if (policy.oneLiveConversation && (channel === 'call' || channel === 'video')) {
              expect((load.call ?? 0) + (load.video ?? 0)).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('leaves no task waiting that some agent could still take (work-conserving)', () => {
    fc.assert(
      fc.property(routingArb, ({ input, policy }) => {
        const offers = routeTasks(input, policy);
        const offered = new Set(offers.map((o) => o.taskId));
        const loads = finalLoads(input, offers);
        for (const task of input.tasks) {
          const queue = input.queues.find((q) => q.id === task.queueId);
          if (task.status !== 'queued' || offered.has(task.id) || !queue) continue;
          const open = input.agents.filter(
            (a) =>
              (!held(task, queue, input.now) || a.profile.userId === task.preferredAgentId) &&
              qualifies(a, loads.get(a.profile.userId) ?? {}, task, queue, policy),
          );
          expect(open).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input, or the same input shuffled, gives the same offers', () => {
    fc.assert(
      fc.property(routingArb, fc.integer(), ({ input, policy }, seed) => {
        const first = routeTasks(input, policy);
        expect(routeTasks(input, policy)).toEqual(first);
        const reordered = {
          ...input,
          queues: shuffled(input.queues, seed),
          agents: shuffled(input.agents, seed + 1),
          tasks: shuffled(input.tasks, seed + 2),
        };
        expect(routeTasks(reordered, policy)).toEqual(first);
      }),
      RUNS,
    );
  });

  it('does not change its input', () => {
    fc.assert(
      fc.property(routingArb, ({ input, policy }) => {
        const before = structuredClone(input);
        routeTasks(input, policy);
        expect(input).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});
