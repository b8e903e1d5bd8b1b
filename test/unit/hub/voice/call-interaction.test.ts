import { describe, expect, it } from 'vitest';
import { InteractionSchema } from '../../../../shared/domain/interaction';
import type { VoiceCall } from '../../../../hub/db/voice-queries';
import { callInteraction, talkSeconds } from '../../../../hub/voice/call-interaction';

const NOW = 1_700_000_000_000;
const ID = '01HZ0000000000000000000001';
const call: VoiceCall = {
  callId: 'c1',
  taskId: '01HZ0000000000000000000004',
  dialled: 'support',
  caller: '+8613800138000',
  callerName: 'Wang Fang',
  customerId: '01HZ0000000000000000000002',
  agentId: '01HZ0000000000000000000003',
  arrivedAt: NOW,
  answeredAt: NOW + 10_000,
  endedAt: NOW + 95_400,
  outcome: 'talked',
  callbackTaskId: null,
};

describe('a call on the timeline', () => {
  it('is an inbound call with its talk time, number and agent', () => {
    const interaction = callInteraction(ID, call);
    expect(InteractionSchema.parse(interaction)).toEqual({
      id: ID,
      customerId: call.customerId,
      occurredAt: NOW,
      agentId: call.agentId,
      channel: 'call',
      direction: 'inbound',
      from: '+8613800138000',
      to: 'support',
      durationSec: 85,
      disposition: null,
    });
  });

  it('shows missed and abandoned calls with no talk time and no agent', () => {
    const abandoned = callInteraction(ID, { ...call, answeredAt: null, outcome: 'abandoned', caller: null });
    expect(abandoned).toMatchObject({ durationSec: 0, agentId: null, from: 'anonymous' });
  });

  it('is left out for a caller who is not a known customer', () => {
    expect(callInteraction(ID, { ...call, customerId: null })).toBeNull();
  });

  it('never counts negative talk time', () => {
    expect(talkSeconds({ answeredAt: NOW, endedAt: NOW - 1 })).toBe(0);
    expect(talkSeconds({ answeredAt: null, endedAt: NOW })).toBe(0);
  });
});
