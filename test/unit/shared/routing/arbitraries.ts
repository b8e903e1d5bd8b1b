import fc from 'fast-check';
import { TASK_CHANNELS, type AgentState, type RoutingPolicy, type Task, type TaskChannel } from '../../../../shared/domain/routing';
import type { AgentRuntime, RoutingInput } from '../../../../shared/routing/route';
import { agentId, makeAgent, makeQueue, makeTask, NOW, POLICY, queueId } from './fixtures';

const level = (max: number) => fc.integer({ min: 1, max });

/** Agents often have a skill, and requirements are modest, so agents qualify often enough for the properties to bite. */
const agentSkillsArb = fc.record({ a: level(5), b: level(5), c: level(5) }, { requiredKeys: [] });
export const requirementArb = fc.oneof(
  { arbitrary: fc.constant({}), weight: 2 },
  { arbitrary: fc.constantFrom('a', 'b', 'c').chain((skill) => level(3).map((min) => ({ [skill]: min }))), weight: 1 },
);

const perChannel = (value: fc.Arbitrary<number>, everyChannel: boolean) =>
  fc.record(
    Object.fromEntries(TASK_CHANNELS.map((c) => [c, value])) as Record<TaskChannel, fc.Arbitrary<number>>,
    everyChannel ? {} : { requiredKeys: [] },
  );

const stateArb: fc.Arbitrary<AgentState> = fc.oneof(
  { arbitrary: fc.constant<AgentState>({ status: 'available', since: 0 }), weight: 6 },
  fc.constantFrom<AgentState>(
    { status: 'away', since: 0, reasonCode: 'break' },
    { status: 'offline', since: 0 },
    { status: 'wrap-up', since: 0, until: NOW + 5_000 },
  ),
);

const agentArb = (n: number, queueIds: string[]): fc.Arbitrary<AgentRuntime> =>
  fc
    .record({
      skills: agentSkillsArb,
      queueIds: fc.subarray(queueIds, { minLength: 1 }),
      capacity: perChannel(fc.integer({ min: 0, max: 3 }), true),
      load: perChannel(fc.integer({ min: 0, max: 2 }), false),
      autoAccept: fc.record({ chat: fc.boolean(), call: fc.boolean() }, { requiredKeys: [] }),
      state: stateArb,
      // Coarse idle times, so ties (broken by user id) happen.
      idleSince: fc.integer({ min: 0, max: 5 }).map((x) => NOW - x * 1000),
    })
    .map(({ state, load, idleSince, ...profile }) => makeAgent(n, { state, load, idleSince, profile }));

const taskArb = (n: number, queueCount: number, agentCount: number): fc.Arbitrary<Task> =>
  fc
    .record({
      // One past the last queue: a task whose queue is unknown.
      queue: fc.integer({ min: 1, max: queueCount + 1 }),
      channel: fc.constantFrom(...TASK_CHANNELS),
      priority: fc.integer({ min: 0, max: 3 }),
      customerTier: fc.constantFrom(null, 'vip', 'key', 'ordinary', 'small'),
      requiredSkills: requirementArb,
      createdAgo: fc.integer({ min: 0, max: 600 }).map((s) => s * 1000),
      inQueueFor: fc.integer({ min: 0, max: 60 }).map((s) => s * 1000),
      status: fc.constantFrom<Task['status']>('queued', 'queued', 'queued', 'offered'),
      preferred: fc.option(fc.integer({ min: 1, max: Math.max(1, agentCount) }), { freq: 2 }),
      declined: fc.subarray(Array.from({ length: agentCount }, (_, i) => agentId(i + 1)), { maxLength: Math.min(3, agentCount) }),
    })
    .map((t) =>
      makeTask(n, {
        queueId: queueId(t.queue),
        channel: t.channel,
        priority: t.priority,
        customerTier: t.customerTier,
        requiredSkills: t.requiredSkills,
        createdAt: NOW - t.createdAgo,
        queuedAt: NOW - Math.min(t.createdAgo, t.inQueueFor),
        status: t.status,
        preferredAgentId: t.preferred === null ? null : agentId(t.preferred),
        declinedBy: t.declined,
      }),
    );

export const policyArb: fc.Arbitrary<RoutingPolicy> = fc
  .record({
    vipBoost: fc.integer({ min: 0, max: 40 }),
    keyShare: fc.double({ min: 0, max: 1, noNaN: true }),
    agingPerMinute: fc.constantFrom(0.5, 1, 2, 10),
    oneLiveConversation: fc.boolean(),
  })
  .map(({ vipBoost, keyShare, agingPerMinute, oneLiveConversation }) => ({
    ...POLICY,
    priority: { vipBoost, keyBoost: Math.floor(vipBoost * keyShare), agingPerMinute },
    oneLiveConversation,
  }));

export const routingArb: fc.Arbitrary<{ input: RoutingInput; policy: RoutingPolicy }> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 25 }))
  .chain(([queueCount, agentCount, taskCount]) => {
    const ids = Array.from({ length: queueCount }, (_, i) => queueId(i + 1));
    const queues = fc.tuple(
      ...ids.map((_, i) =>
        fc
          .record({
            channels: fc.subarray([...TASK_CHANNELS], { minLength: 1 }),
            requiredSkills: requirementArb,
            preferredAgentHoldSec: fc.constantFrom(0, 10, 30),
          })
          .map((q) => makeQueue(i + 1, q)),
      ),
    );
    const agents = fc.tuple(...Array.from({ length: agentCount }, (_, i) => agentArb(i + 1, ids)));
    const tasks = fc.tuple(...Array.from({ length: taskCount }, (_, i) => taskArb(i + 1, queueCount, agentCount)));
    return fc.record({ queues, agents, tasks, policy: policyArb });
  })
  .map(({ queues, agents, tasks, policy }) => ({ input: { now: NOW, queues, agents, tasks }, policy }));

/** Fisher–Yates with a small seeded generator, so a failing shuffle replays. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
