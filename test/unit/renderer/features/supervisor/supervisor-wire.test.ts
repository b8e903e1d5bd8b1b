import { describe, expect, it } from 'vitest';
import { SupervisorBoardSchema, SupervisorMessageSchema } from '../../../../../renderer/features/supervisor/supervisor-wire';
import type { SupervisorBoard } from '../../../../../shared/protocol/supervisor';

const Q1 = '01J0000000000000000000000Q';
const A1 = '01J0000000000000000000000A';
const counts = { offered: 3, answered: 2, abandoned: 1, answeredInTime: 1, waiting: 1 };

/** Every part of the contract's board, filled in: typed against the contract, so a changed contract fails to compile here. */
const BOARD: SupervisorBoard = {
  at: 1_700_000_060_000,
  dayStart: 1_700_000_000_000,
  queues: [
    {
      ...counts,
      queueId: Q1,
      name: 'General / 综合服务',
      oldestWaitingSince: 1_700_000_050_000,
      serviceLevelPercent: 33.3,
      serviceLevelTarget: 80,
      serviceLevelSeconds: 20,
      asaSec: 12,
      ahtSec: null,
      agents: { loggedIn: 1, available: 0, busy: 1, away: 0, wrapUp: 0 },
      byChannel: { chat: counts },
    },
  ],
  intervals: [{ queueId: Q1, start: 1_700_000_000_000, offered: 3, answered: 2, abandoned: 1, answeredInTime: 1, flowedOut: 0 }],
  waiting: [
    {
      taskId: '01J0000000000000000000000T',
      queueId: Q1,
      channel: 'chat',
      status: 'offered',
      subject: 'Parcel late',
      customerId: null,
      customerName: null,
      tier: 'vip',
      waitingSince: 1_700_000_050_000,
      offeredTo: A1,
    },
  ],
  agents: [
    {
      agentId: A1,
      username: 'agent1',
      displayName: '王芳 Wang Fang',
      state: { status: 'away', since: 1_700_000_010_000, reasonCode: 'lunch' },
      busy: false,
      connected: true,
      phoneRegistered: false,
      queueIds: [Q1],
      skills: { billing: 3 },
      tasks: [{ taskId: '01J0000000000000000000000U', channel: 'email', status: 'assigned', subject: 'Invoice', since: 1_700_000_020_000 }],
      handledToday: 4,
      ahtSec: 200,
      occupancyPercent: 61,
    },
  ],
  alerts: [{ id: `long-wait:${Q1}`, kind: 'long-wait', queueId: Q1, agentId: null, value: 130, threshold: 120, since: 1_700_000_055_000 }],
  settings: { thresholds: { [Q1]: { serviceLevelBelow: null, waitAboveSec: 120, agentStateAboveSec: 900 } }, supervisorsEditAgents: true },
};

describe('SupervisorBoardSchema', () => {
  it('takes a whole board as the contract describes it', () => {
    expect(SupervisorBoardSchema.parse(BOARD)).toEqual(BOARD);
  });

  it('refuses a board it could only half draw', () => {
    const { settings: _settings, ...noSettings } = BOARD;
    expect(SupervisorBoardSchema.safeParse(noSettings).success).toBe(false);
    expect(SupervisorBoardSchema.safeParse({ ...BOARD, waiting: [{ ...BOARD.waiting[0], status: 'assigned' }] }).success).toBe(false);
    expect(SupervisorBoardSchema.safeParse({ ...BOARD, alerts: [{ ...BOARD.alerts[0], kind: 'fire' }] }).success).toBe(false);
    expect(SupervisorBoardSchema.safeParse({ ...BOARD, queues: [{ ...BOARD.queues[0], byChannel: { fax: counts } }] }).success).toBe(false);
  });
});

describe('SupervisorMessageSchema', () => {
  it('takes a message to one agent or to a team, and nothing else', () => {
    const message = { id: 'm1', fromName: '赵敏 Zhao Min', text: 'Please go available', at: 1, to: 'you' };
    expect(SupervisorMessageSchema.safeParse(message).success).toBe(true);
    expect(SupervisorMessageSchema.safeParse({ ...message, to: { queueName: 'Billing / 账务' } }).success).toBe(true);
    expect(SupervisorMessageSchema.safeParse({ ...message, to: 'everyone' }).success).toBe(false);
    expect(SupervisorMessageSchema.safeParse({ ...message, text: 42 }).success).toBe(false);
  });
});
