import { describe, expect, it } from 'vitest';
import {
  AgentProfileSchema,
  AgentStateSchema,
  DEFAULT_ROUTING_POLICY,
  QueueSchema,
  RoutingPolicySchema,
  TaskEventSchema,
  TaskSchema,
} from '../../../../shared/domain';
import { makeAgent, makeQueue, makeTask, NOW, queueId, taskId } from './fixtures';

describe('routing schemas', () => {
  it('accept the fixtures and the default policy', () => {
    expect(QueueSchema.parse(makeQueue(1))).toEqual(makeQueue(1));
    expect(AgentProfileSchema.parse(makeAgent(1).profile)).toEqual(makeAgent(1).profile);
    expect(TaskSchema.parse(makeTask(1))).toEqual(makeTask(1));
    expect(RoutingPolicySchema.parse(DEFAULT_ROUTING_POLICY)).toEqual(DEFAULT_ROUTING_POLICY);
  });

  it('refuse a queue overflowing into itself, repeated dispositions, no channels', () => {
    expect(QueueSchema.safeParse(makeQueue(1, { overflowQueueId: queueId(1) })).success).toBe(false);
    expect(QueueSchema.safeParse(makeQueue(1, { dispositions: ['a', 'a'] })).success).toBe(false);
    expect(QueueSchema.safeParse(makeQueue(1, { channels: [] })).success).toBe(false);
  });

  it('refuse skill levels outside 1..5, skill codes that could reach the prototype, unknown channels', () => {
    const profile = makeAgent(1).profile;
    expect(AgentProfileSchema.safeParse({ ...profile, skills: { billing: 6 } }).success).toBe(false);
    expect(AgentProfileSchema.safeParse({ ...profile, skills: { billing: 0 } }).success).toBe(false);
    expect(AgentProfileSchema.safeParse({ ...profile, skills: JSON.parse('{"__proto__": 3}') }).success).toBe(true);
    expect(AgentProfileSchema.parse({ ...profile, skills: JSON.parse('{"__proto__": 3}') }).skills).toEqual({});
    expect(AgentProfileSchema.safeParse({ ...profile, skills: { _hidden: 3 } }).success).toBe(false);
    expect(AgentProfileSchema.safeParse({ ...profile, skills: { 粤语: 3 } }).success).toBe(true);
    expect(AgentProfileSchema.safeParse({ ...profile, capacity: { fax: 1 } }).success).toBe(false);
  });

  it('refuse a key boost above the VIP boost, and ageing that never ages', () => {
    const priority = DEFAULT_ROUTING_POLICY.priority;
    expect(RoutingPolicySchema.safeParse({ ...DEFAULT_ROUTING_POLICY, priority: { ...priority, keyBoost: 30 } }).success).toBe(false);
    expect(RoutingPolicySchema.safeParse({ ...DEFAULT_ROUTING_POLICY, priority: { ...priority, agingPerMinute: 0 } }).success).toBe(false);
  });

  it('tell agent states and task events apart by their tag', () => {
    expect(AgentStateSchema.safeParse({ status: 'away', since: NOW }).success).toBe(false);
    expect(AgentStateSchema.parse({ status: 'away', since: NOW, reasonCode: 'lunch' })).toMatchObject({ reasonCode: 'lunch' });
    const transfer = { at: NOW, taskId: taskId(1), queueId: queueId(1), kind: 'transferred', agentId: makeAgent(1).profile.userId };
    expect(TaskEventSchema.safeParse({ ...transfer, to: { kind: 'queue', queueId: queueId(2) } }).success).toBe(true);
    expect(TaskEventSchema.safeParse({ ...transfer, to: { kind: 'agent', agentId: makeAgent(2).profile.userId } }).success).toBe(false);
  });
});
