import { describe, expect, it } from 'vitest';
import type { TaskView } from '../../../../shared/protocol/routing';
import type { VoiceCall } from '../../../../hub/db/voice-queries';
import { answerForDirect, answerForTask } from '../../../../hub/voice/route-answer';

const NOW = 1_700_000_000_000;
const AGENT = '01HZ0000000000000000000003';
const TASK = '01HZ0000000000000000000004';

const task = (patch: Partial<TaskView>): TaskView => ({
  id: TASK,
  channel: 'call',
  queueId: '01HZ0000000000000000000005',
  priority: 50,
  customerId: null,
  customerTier: null,
  requiredSkills: {},
  createdAt: NOW - 5_000,
  queuedAt: NOW - 5_000,
  status: 'queued',
  offeredTo: null,
  offerExpiresAt: null,
  assignedTo: null,
  preferredAgentId: null,
  declinedBy: [],
  disposition: null,
  subject: 'Call from +8613800138000',
  ...patch,
});

const call: VoiceCall = {
  callId: 'a84b4c76e66710@pc33.example',
  taskId: TASK,
  dialled: 'support',
  caller: '+8613800138000',
  callerName: '',
  customerId: null,
  agentId: null,
  arrivedAt: NOW - 5_000,
  answeredAt: null,
  endedAt: null,
  outcome: null,
  callbackTaskId: null,
};

const timing = { ringSec: 20, waitRetrySec: 3 };

describe('route answers for a queue call', () => {
  it('keeps a queued caller waiting', () => {
    expect(answerForTask(task({}), call, null, timing, NOW)).toEqual({ action: 'wait', retryAfterSec: 3, taskId: TASK });
  });

  it('rings the offered agent no longer than the offer lasts', () => {
    const offered = task({ status: 'offered', offeredTo: AGENT, offerExpiresAt: NOW + 12_500 });
    expect(answerForTask(offered, call, 'agent1', timing, NOW)).toEqual({ action: 'ring', user: 'agent1', agentId: AGENT, taskId: TASK, timeoutSec: 13 });
    const long = task({ status: 'offered', offeredTo: AGENT, offerExpiresAt: NOW + 60_000 });
    expect(answerForTask(long, call, 'agent1', timing, NOW)).toMatchObject({ action: 'ring', timeoutSec: 20 });
  });

  it('waits when the offer has run out or its agent is gone', () => {
    const expired = task({ status: 'offered', offeredTo: AGENT, offerExpiresAt: NOW });
    expect(answerForTask(expired, call, 'agent1', timing, NOW).action).toBe('wait');
    const live = task({ status: 'offered', offeredTo: AGENT, offerExpiresAt: NOW + 5_000 });
    expect(answerForTask(live, call, null, timing, NOW).action).toBe('wait');
  });

  it('releases a caller who waited past max wait, saying whether a callback was opened', () => {
    const timedOut = task({ status: 'timed-out' });
    expect(answerForTask(timedOut, { ...call, callbackTaskId: TASK }, null, timing, NOW)).toMatchObject({ action: 'release', reason: expect.stringContaining('callback') });
    expect(answerForTask(timedOut, call, null, timing, NOW)).toMatchObject({ action: 'release', reason: expect.stringContaining('no number') });
  });

  it('rings the agent a call was assigned to without an offer (auto-accept) until they pick up', () => {
    const assigned = task({ status: 'assigned', assignedTo: AGENT });
    expect(answerForTask(assigned, call, 'agent1', timing, NOW)).toEqual({ action: 'ring', user: 'agent1', agentId: AGENT, taskId: TASK, timeoutSec: 20 });
    expect(answerForTask(assigned, { ...call, answeredAt: NOW - 1_000 }, 'agent1', timing, NOW)).toMatchObject({ action: 'reject', status: 480 });
  });

  it('rejects asks for a call already answered or over', () => {
    for (const status of ['assigned', 'wrap-up', 'done', 'abandoned'] as const) {
      expect(answerForTask(task({ status }), call, null, timing, NOW)).toMatchObject({ action: 'reject', status: 480 });
    }
  });
});

describe('route answers for a direct call', () => {
  const direct: VoiceCall = { ...call, taskId: null, agentId: AGENT };

  it('rings a registered agent for the ring time, with no task', () => {
    expect(answerForDirect(direct, 'agent1', true, 20)).toEqual({ action: 'ring', user: 'agent1', agentId: AGENT, taskId: null, timeoutSec: 20 });
  });

  it('answers 480 when their phone is not registered or the call is over', () => {
    expect(answerForDirect(direct, 'agent1', false, 20)).toMatchObject({ action: 'reject', status: 480 });
    expect(answerForDirect({ ...direct, endedAt: NOW }, 'agent1', true, 20)).toMatchObject({ action: 'reject', status: 480 });
  });
});
