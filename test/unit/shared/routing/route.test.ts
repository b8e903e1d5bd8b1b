import { describe, expect, it } from 'vitest';
import { routeTasks } from '../../../../shared/routing/route';
import { agentId, makeAgent, makeQueue, makeTask, NOW, POLICY, queueId, taskId } from './fixtures';

const Q1 = makeQueue(1);
const route = (agents: Parameters<typeof routeTasks>[0]['agents'], tasks: Parameters<typeof routeTasks>[0]['tasks'], queues = [Q1]) =>
  routeTasks({ now: NOW, queues, agents, tasks }, POLICY);
const pairs = (offers: ReturnType<typeof routeTasks>) => offers.map((o) => [o.taskId, o.agentId]);

describe('routeTasks: who qualifies', () => {
  it('offers to the longest-idle agent, with the channel timeout and the reason', () => {
    const agents = [makeAgent(1, { idleSince: NOW - 5_000 }), makeAgent(2, { idleSince: NOW - 90_000 })];
    expect(route(agents, [makeTask(1)])).toEqual([
      { taskId: taskId(1), agentId: agentId(2), expiresAt: NOW + 30_000, reason: 'longest-idle', autoAccept: false },
    ]);
  });

  it('breaks an idle tie by user id', () => {
    const agents = [makeAgent(2, { idleSince: 5 }), makeAgent(1, { idleSince: 5 })];
    expect(pairs(route(agents, [makeTask(1)]))).toEqual([[taskId(1), agentId(1)]]);
  });

  it.each([
    ['away', { status: 'away', since: 0, reasonCode: 'lunch' }],
    ['offline', { status: 'offline', since: 0 }],
    ['in wrap-up', { status: 'wrap-up', since: 0, until: NOW + 10_000 }],
  ] as const)('skips an agent who is %s', (_, state) => {
    expect(route([makeAgent(1, { state, idleSince: 0 }), makeAgent(2)], [makeTask(1)])[0]?.agentId).toBe(agentId(2));
  });

  it('skips agents outside the queue', () => {
    const outsider = makeAgent(1, { idleSince: 0, profile: { queueIds: [queueId(2)] } });
    expect(route([outsider], [makeTask(1)])).toEqual([]);
  });

  it('needs every skill of the queue and of the task, at the higher level asked', () => {
    const queue = makeQueue(1, { requiredSkills: { billing: 2 } });
    const task = makeTask(1, { requiredSkills: { billing: 3, 粤语: 1 } });
    const agents = [
      makeAgent(1, { idleSince: 1, profile: { skills: { billing: 2, 粤语: 5 } } }),
      makeAgent(2, { idleSince: 2, profile: { skills: { billing: 5 } } }),
      makeAgent(3, { idleSince: 3, profile: { skills: { billing: 3, 粤语: 1 } } }),
    ];
    expect(pairs(route(agents, [task], [queue]))).toEqual([[taskId(1), agentId(3)]]);
  });

  it('does not take inherited object keys for skills', () => {
    const task = makeTask(1, { requiredSkills: { constructor: 1 } });
    expect(route([makeAgent(1)], [task])).toEqual([]);
  });

  it('never offers a task again to an agent who declined or missed it', () => {
    const task = makeTask(1, { declinedBy: [agentId(1)] });
    expect(pairs(route([makeAgent(1, { idleSince: 0 }), makeAgent(2)], [task]))).toEqual([[taskId(1), agentId(2)]]);
  });

  it('counts current load, and takes nothing on a channel without capacity', () => {
    const full = makeAgent(1, { idleSince: 0, load: { chat: 3 }, profile: { capacity: { chat: 3 } } });
    const noSms = makeAgent(2, { idleSince: 1, profile: { capacity: { chat: 3 } } });
    const tasks = [makeTask(1), makeTask(2, { channel: 'sms' })];
    expect(pairs(route([full, noSms], tasks))).toEqual([[taskId(1), agentId(2)]]);
  });

  it('leaves alone tasks that are not queued, and tasks of unknown queues', () => {
    const tasks = [makeTask(1, { status: 'offered', offeredTo: agentId(9) }), makeTask(2, { queueId: queueId(7) })];
    expect(route([makeAgent(1)], tasks)).toEqual([]);
  });

  it('marks auto-accept offers by channel', () => {
    const agent = makeAgent(1, { profile: { autoAccept: { chat: true } } });
    const offers = route([agent], [makeTask(1), makeTask(2, { channel: 'email' })]);
    expect(offers.map((o) => o.autoAccept)).toEqual([true, false]);
  });
});

describe('routeTasks: capacity within one pass', () => {
  it('fills spare capacity but never beyond it', () => {
    const agent = makeAgent(1, { load: { chat: 1 } });
    const tasks = [1, 2, 3, 4].map((n) => makeTask(n, { createdAt: NOW - 10_000 + n }));
    expect(pairs(route([agent], tasks))).toEqual([
      [taskId(1), agentId(1)],
      [taskId(2), agentId(1)],
    ]);
  });

  it('moves an agent who just got an offer behind the others, spreading work like separate passes would', () => {
    const agents = [makeAgent(1, { idleSince: 1 }), makeAgent(2, { idleSince: 2 }), makeAgent(3, { idleSince: 3 })];
    const tasks = [1, 2, 3, 4, 5].map((n) => makeTask(n, { createdAt: NOW - 10_000 + n }));
    expect(route(agents, tasks).map((o) => o.agentId)).toEqual([1, 2, 3, 1, 2].map(agentId));
  });

  it('holds one live conversation: a call blocks video and the reverse, chats go on', () => {
    const agent = makeAgent(1, { load: { call: 1 } });
    const tasks = [makeTask(1, { channel: 'video' }), makeTask(2, { channel: 'call' }), makeTask(3, { channel: 'chat' })];
    expect(pairs(route([agent], tasks))).toEqual([[taskId(3), agentId(1)]]);
    const free = makeAgent(1);
    expect(pairs(route([free], tasks.slice(0, 2)))).toEqual([[taskId(1), agentId(1)]]);
    const relaxed = routeTasks({ now: NOW, queues: [Q1], agents: [free], tasks: tasks.slice(0, 2) }, { ...POLICY, oneLiveConversation: false });
    expect(relaxed).toHaveLength(2);
  });
});

describe('routeTasks: order', () => {
  it('serves higher effective priority first, then older, then lower id', () => {
    const tasks = [
      makeTask(1, { createdAt: NOW - 1_000 }),
      makeTask(2, { createdAt: NOW - 1_000, priority: 5 }),
      makeTask(3, { createdAt: NOW - 2_000 }),
      makeTask(4, { createdAt: NOW - 1_000 }),
    ];
    const one = makeAgent(1, { profile: { capacity: { chat: 4 } } });
    expect(route([one], tasks).map((o) => o.taskId)).toEqual([2, 3, 1, 4].map(taskId));
  });

  it('puts a VIP ahead of an ordinary customer who waited a little longer', () => {
    const tasks = [
      makeTask(1, { createdAt: NOW - 120_000, customerTier: 'ordinary' }),
      makeTask(2, { createdAt: NOW - 5_000, customerTier: 'vip' }),
    ];
    expect(route([makeAgent(1, { profile: { capacity: { chat: 1 } } })], tasks)[0]?.taskId).toBe(taskId(2));
  });
});

describe('routeTasks: preferred agent', () => {
  const queue = makeQueue(1, { preferredAgentHoldSec: 15 });
  const fresh = makeTask(1, { preferredAgentId: agentId(2), createdAt: NOW - 5_000 });

  it('offers only to the preferred agent during the hold', () => {
    const agents = [makeAgent(1, { idleSince: 0 }), makeAgent(2)];
    expect(route(agents, [fresh], [queue])).toMatchObject([{ agentId: agentId(2), reason: 'preferred' }]);
  });

  it('keeps the task waiting while the preferred agent cannot take it', () => {
    const busy = makeAgent(2, { load: { chat: 3 } });
    expect(route([makeAgent(1), busy], [fresh], [queue])).toEqual([]);
    const away = makeAgent(2, { state: { status: 'away', since: 0, reasonCode: 'break' } });
    expect(route([makeAgent(1), away], [fresh], [queue])).toEqual([]);
  });

  it('lets anyone take it once the hold is over, counted from entry into the queue', () => {
    const busy = makeAgent(2, { load: { chat: 3 } });
    const held = makeTask(1, { preferredAgentId: agentId(2), createdAt: NOW - 60_000, queuedAt: NOW - 14_999 });
    expect(route([makeAgent(1), busy], [held], [queue])).toEqual([]);
    const over = { ...held, queuedAt: NOW - 15_000 };
    expect(route([makeAgent(1), busy], [over], [queue])).toMatchObject([{ agentId: agentId(1), reason: 'longest-idle' }]);
  });

  it('ends the hold when the preferred agent declined', () => {
    const declined = { ...fresh, declinedBy: [agentId(2)] };
    expect(route([makeAgent(1), makeAgent(2)], [declined], [queue])).toMatchObject([{ agentId: agentId(1), reason: 'longest-idle' }]);
  });

  it('ignores the preference when the queue holds for 0 s', () => {
    expect(route([makeAgent(1, { idleSince: 0 }), makeAgent(2)], [fresh])).toMatchObject([{ agentId: agentId(1), reason: 'longest-idle' }]);
  });
});
