import { demoUlid } from '../../shared/demo/demo-ulid';
import { createRandom } from '../../shared/demo/prng';
import { demoUsers } from '../../shared/demo/users';
import type { AgentProfile, Queue } from '../../shared/domain/routing';
import type { SeedConfig } from '../config';
import { listProfiles, listQueues, saveProfile, saveQueue } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import type { Logger } from '../log';

const DISPOSITIONS = ['Resolved / 已解决', 'Callback requested / 需回电', 'Escalated / 已升级', 'Sale / 成交'];

/** Fixed ids, so every demo install has the same queues. */
export function demoQueues(): Queue[] {
  const random = createRandom(20_240_202);
  const since = Date.UTC(2024, 1, 1);
  const [general, vip, billing] = [0, 1, 2].map((index) => demoUlid(since + index, random.next)) as [string, string, string];
  const base = {
    serviceLevel: { percent: 80, seconds: 20 },
    maxWaitSec: 900,
    businessHours: null,
    dispositions: DISPOSITIONS,
    preferredAgentHoldSec: 0,
  };
  return [
    {
      ...base,
      id: general,
      name: 'General / 综合服务',
      // The demo chat widget's queue: its visitors' video calls are video tasks.
      channels: ['call', 'video', 'chat', 'email', 'sms'],
      requiredSkills: {},
      overflowQueueId: null,
    },
    {
      ...base,
      id: vip,
      name: 'VIP Service / 贵宾服务',
      channels: ['call', 'video', 'chat', 'email'],
      requiredSkills: { vip: 1 },
      maxWaitSec: 300,
      overflowQueueId: general,
      preferredAgentHoldSec: 30,
      recordCalls: true,
      recordingNotice: 'This call is recorded for quality and training. / 本次通话将被录音，用于服务质量和培训。',
    },
    {
      ...base,
      id: billing,
      name: 'Billing / 账务',
      channels: ['call', 'chat', 'email', 'sms'],
      requiredSkills: { billing: 1 },
      overflowQueueId: general,
      dispositions: [...DISPOSITIONS, 'Refund issued / 已退款'],
    },
  ];
}

const CAPACITY = { call: 1, chat: 3, email: 5, sms: 3, video: 1 } as const;

/** agent1 does everything; agent2 and agent5 billing; agent3 VIP; agent4 general work only. */
export function demoProfiles(): AgentProfile[] {
  const [general, vip, billing] = demoQueues().map((queue) => queue.id) as [string, string, string];
  const plans: Record<string, Pick<AgentProfile, 'skills' | 'queueIds'>> = {
    agent1: { skills: { vip: 2, billing: 1 }, queueIds: [general, vip, billing] },
    agent2: { skills: { billing: 2 }, queueIds: [general, billing] },
    agent3: { skills: { vip: 1 }, queueIds: [general, vip] },
    agent4: { skills: {}, queueIds: [general] },
    agent5: { skills: { billing: 1 }, queueIds: [general, billing] },
  };
  return demoUsers().flatMap((user) => {
    const plan = Object.hasOwn(plans, user.username) ? plans[user.username] : undefined;
    return plan ? [{ userId: user.id, ...plan, capacity: { ...CAPACITY }, autoAccept: {}, maxMissedBeforeAway: 3 }] : [];
  });
}

/**
 * Demo queues and agent profiles, each table only when it is empty, so a store
 * seeded before routing existed gets them on its next start too.
 */
export async function seedRoutingIfEmpty(db: Queryable, settings: SeedConfig, log: Logger): Promise<void> {
  if (!settings.enabled) return;
  if ((await listQueues(db)).length === 0) {
    for (const queue of demoQueues()) await saveQueue(db, queue);
    log.info('demo routing queues seeded');
  }
  if ((await listProfiles(db)).length === 0) {
    const present = new Set((await db.selectFrom('users').select('id').execute()).map((row) => row.id));
    for (const profile of demoProfiles()) if (present.has(profile.userId)) await saveProfile(db, profile);
  }
}
