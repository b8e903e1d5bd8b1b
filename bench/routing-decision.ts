import { DEFAULT_ROUTING_POLICY, TASK_CHANNELS } from '../shared/domain/routing';
import { routeTasks } from '../shared/routing/route';
import { agentId, makeAgent, makeQueue, makeTask, NOW, queueId } from '../test/unit/shared/routing/fixtures';
import { referenceRoute } from '../test/unit/shared/routing/reference-route';
import { report, round, summary } from './stats';

/** 500 agents in 10 queues with a skill each, 1,000 waiting tasks: the hub routes on every change. */
export function bigInput() {
  const queues = Array.from({ length: 10 }, (_, i) => makeQueue(i + 1, { requiredSkills: { [`s${i % 5}`]: 1 } }));
  const agents = Array.from({ length: 500 }, (_, i) =>
    makeAgent(i + 1, {
      idleSince: NOW - ((i * 7919) % 100_000),
      load: { chat: i % 4, email: i % 3 },
      profile: {
        queueIds: [queueId((i % 10) + 1), queueId(((i + 3) % 10) + 1)],
        skills: { [`s${i % 5}`]: 3, [`s${(i + 1) % 5}`]: 2 },
      },
    }),
  );
  const tasks = Array.from({ length: 1_000 }, (_, i) =>
    makeTask(i + 1, {
      queueId: queueId((i % 10) + 1),
      channel: TASK_CHANNELS[i % 5],
      priority: i % 7,
      customerTier: i % 50 === 0 ? 'vip' : null,
      createdAt: NOW - ((i * 104_729) % 600_000),
      requiredSkills: i % 9 === 0 ? { [`s${i % 5}`]: 3 } : {},
      preferredAgentId: i % 13 === 0 ? agentId((i % 500) + 1) : null,
    }),
  );
  return { now: NOW, queues, agents, tasks };
}

function timings(route: () => unknown, rounds: number): number[] {
  for (let i = 0; i < 5; i += 1) route(); // let the JIT settle
  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    route();
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * One routing pass over 500 agents and 1,000 waiting tasks (the hub routes on
 * every change), against the slow, obvious reference that the property tests
 * hold it equal to.
 */
export function benchRoutingDecision(): void {
  const input = bigInput();
  const offers = routeTasks(input, DEFAULT_ROUTING_POLICY).length;
  const indexed = summary(timings(() => routeTasks(input, DEFAULT_ROUTING_POLICY), 50));
  const reference = summary(timings(() => referenceRoute(input, DEFAULT_ROUTING_POLICY), 10));
  report('routing-decision', {
    agents: input.agents.length,
    waitingTasks: input.tasks.length,
    offers,
    unit: 'ms',
    routeTasks: indexed,
    referenceScan: reference,
    speedup: round(reference.p50 / indexed.p50),
  });
}
