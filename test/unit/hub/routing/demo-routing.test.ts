import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../../../shared/demo/users';
import { AgentProfileSchema, QueueSchema } from '../../../../shared/domain/routing';
import { overflowCycle } from '../../../../shared/routing';
import { demoProfiles, demoQueues } from '../../../../hub/routing/demo-routing';

describe('demo routing data', () => {
  const queues = demoQueues();
  const profiles = demoProfiles();

  it('has valid queues with fixed ids, always open, with no overflow loop', () => {
    for (const queue of queues) expect(QueueSchema.parse(queue)).toEqual(queue);
    expect(demoQueues().map((queue) => queue.id)).toEqual(queues.map((queue) => queue.id));
    expect(new Set(queues.map((queue) => queue.id)).size).toBe(3);
    expect(queues.every((queue) => queue.businessHours === null && queue.dispositions.length > 0)).toBe(true);
    expect(overflowCycle(queues)).toBeNull();
  });

  it('gives every demo agent a valid profile in existing queues', () => {
    const agents = demoUsers().filter((user) => user.role === 'agent');
    expect(profiles.map((profile) => profile.userId)).toEqual(agents.map((agent) => agent.id));
    const ids = new Set(queues.map((queue) => queue.id));
    for (const profile of profiles) {
      expect(AgentProfileSchema.parse(profile)).toEqual(profile);
      expect(profile.queueIds.every((id) => ids.has(id))).toBe(true);
      expect(profile.capacity).toEqual({ call: 1, chat: 3, email: 5, sms: 3, video: 1 });
    }
  });
});
