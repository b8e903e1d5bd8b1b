import { ulid } from 'ulid';
import type { Queue } from '../../../../../shared/domain/routing';
import type { AgentDesk, TaskView } from '../../../../../shared/protocol/routing';

export const T0 = 1_700_000_000_000;

export function makeQueue(overrides: Partial<Queue> = {}): Queue {
  return {
    id: ulid(),
    name: 'Billing',
    channels: ['call', 'email'],
    requiredSkills: {},
    serviceLevel: { percent: 80, seconds: 20 },
    maxWaitSec: 120,
    overflowQueueId: null,
    businessHours: null,
    dispositions: ['resolved', 'escalated'],
    preferredAgentHoldSec: 0,
    ...overrides,
  };
}

export function makeTask(overrides: Partial<TaskView> = {}): TaskView {
  return {
    id: ulid(),
    channel: 'call',
    queueId: ulid(),
    priority: 50,
    customerId: null,
    customerTier: null,
    requiredSkills: {},
    createdAt: T0,
    queuedAt: T0,
    status: 'queued',
    offeredTo: null,
    offerExpiresAt: null,
    assignedTo: null,
    preferredAgentId: null,
    declinedBy: [],
    disposition: null,
    subject: 'Bill question',
    ...overrides,
  };
}

export function makeDesk(overrides: Partial<AgentDesk> = {}): AgentDesk {
  return {
    profile: null,
    state: { status: 'available', since: T0 },
    tasks: [],
    queues: [],
    awayReasons: [
      { code: 'break', label: 'Break' },
      { code: 'lunch', label: 'Lunch' },
    ],
    ...overrides,
  };
}
