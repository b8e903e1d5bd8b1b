import type { AgentProfile, Queue } from '../../../../../shared/domain/routing';

export const GENERAL = '01HQ0000000000000000000001';
export const BILLING = '01HQ0000000000000000000002';
export const EMAIL_ONLY = '01HQ0000000000000000000003';
export const AGENT = '01HQ00000000000000000000A1';

export const generalQueue: Queue = {
  id: GENERAL,
  name: 'General / 综合服务',
  channels: ['call', 'chat', 'email'],
  requiredSkills: {},
  serviceLevel: { percent: 80, seconds: 20 },
  maxWaitSec: 900,
  overflowQueueId: null,
  businessHours: null,
  dispositions: ['Resolved / 已解决', 'Escalated / 已升级'],
  preferredAgentHoldSec: 0,
};

export const billingQueue: Queue = {
  ...generalQueue,
  id: BILLING,
  name: 'Billing / 账务',
  requiredSkills: { billing: 2, 'zh.yue': 1 },
  overflowQueueId: GENERAL,
  businessHours: {
    timeZone: 'Asia/Shanghai',
    weekly: { mon: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '18:00' }], sat: [{ open: '10:00', close: '16:00' }] },
    holidays: ['2026-10-01'],
  },
  preferredAgentHoldSec: 30,
};

export const emailQueue: Queue = { ...generalQueue, id: EMAIL_ONLY, name: 'Email follow-ups', channels: ['email'] };

export const profile: AgentProfile = {
  userId: AGENT,
  skills: { billing: 2, vip: 1 },
  queueIds: [GENERAL, BILLING],
  capacity: { call: 1, chat: 3, email: 5 },
  autoAccept: { chat: true },
  maxMissedBeforeAway: 3,
};
