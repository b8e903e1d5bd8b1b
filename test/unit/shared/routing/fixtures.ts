import {
  type AgentProfile,
  type AgentState,
  DEFAULT_ROUTING_POLICY,
  type Queue,
  type RoutingPolicy,
  type Task,
} from '../../../../shared/domain/routing';
import type { AgentRuntime } from '../../../../shared/routing/route';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A valid ULID per kind and number, sorting in number order: agent(2) < agent(10). */
export function ulid(kind: 'A' | 'Q' | 'T' | 'C', n: number): string {
  let tail = '';
  let rest = n;
  for (let i = 0; i < 6; i++) {
    tail = (CROCKFORD[rest % 32] ?? '0') + tail;
    rest = Math.floor(rest / 32);
  }
  return `01HK153X00GCFZ7ZYJE${kind}${tail}`;
}
export const agentId = (n: number) => ulid('A', n);
export const queueId = (n: number) => ulid('Q', n);
export const taskId = (n: number) => ulid('T', n);

/** Monday 10 March 2025, 09:00 UTC. */
export const NOW = Date.UTC(2025, 2, 10, 9, 0, 0);
export const POLICY: RoutingPolicy = DEFAULT_ROUTING_POLICY;

export function makeQueue(n: number, over: Partial<Queue> = {}): Queue {
  return {
    id: queueId(n),
    name: `Queue ${n}`,
    channels: ['call', 'video', 'chat', 'sms', 'email'],
    requiredSkills: {},
    serviceLevel: { percent: 80, seconds: 20 },
    maxWaitSec: 300,
    overflowQueueId: null,
    businessHours: null,
    dispositions: ['resolved', 'escalated'],
    preferredAgentHoldSec: 0,
    ...over,
  };
}

export type AgentOverrides = Partial<Omit<AgentRuntime, 'profile'>> & { profile?: Partial<AgentProfile> };

export function makeAgent(n: number, over: AgentOverrides = {}): AgentRuntime {
  const { profile, ...rest } = over;
  return {
    profile: {
      userId: agentId(n),
      skills: {},
      queueIds: [queueId(1)],
      capacity: { call: 1, video: 1, chat: 3, sms: 3, email: 5 },
      autoAccept: {},
      maxMissedBeforeAway: 3,
      ...profile,
    },
    state: { status: 'available', since: NOW - 60_000 } satisfies AgentState,
    load: {},
    idleSince: NOW - 60_000 + n,
    missedCount: 0,
    ...rest,
  };
}

export function makeTask(n: number, over: Partial<Task> = {}): Task {
  const createdAt = over.createdAt ?? NOW - 10_000;
  return {
    id: taskId(n),
    channel: 'chat',
    queueId: queueId(1),
    priority: 0,
    customerId: null,
    customerTier: null,
    requiredSkills: {},
    createdAt,
    queuedAt: createdAt,
    status: 'queued',
    offeredTo: null,
    offerExpiresAt: null,
    assignedTo: null,
    preferredAgentId: null,
    declinedBy: [],
    disposition: null,
    ...over,
  };
}
