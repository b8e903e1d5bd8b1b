import { describe, expect, it } from 'vitest';
import { InteractionSchema } from '../../../../shared/domain/interaction';
import type { VoiceCall } from '../../../../hub/db/voice-queries';
import { type CallContext, callFigures, callInteraction } from '../../../../hub/voice/call-interaction';
import { holdChanged, NO_HOLD } from '../../../../hub/voice/hold-time';

const NOW = 1_700_000_000_000;
const ID = '01HZ0000000000000000000001';
const QUEUE = { id: '01HZ0000000000000000000005', name: 'Support' };
const call: VoiceCall = {
  callId: 'c1@sipp',
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
const context: CallContext = {
  queue: QUEUE,
  agentName: 'Li Na',
  agentUsername: 'agent1',
  hold: NO_HOLD,
  disposition: 'resolved',
  notes: 'Reset the router.',
};

describe('a call on the timeline', () => {
  it('is an inbound call with its number, queue, agent, figures, outcome, wrap-up and Call-ID', () => {
    const interaction = callInteraction(ID, call, context);
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
      disposition: 'resolved',
      callId: 'c1@sipp',
      queue: QUEUE,
      agentName: 'Li Na',
      outcome: 'answered',
      waitSec: 10,
      holdSec: 0,
      notes: 'Reset the router.',
    });
  });

  it('shows an abandoned call with its wait, no talk time and no agent', () => {
    const abandoned = callInteraction(ID, { ...call, answeredAt: null, endedAt: NOW + 42_000, outcome: 'abandoned' }, { ...context, disposition: null, notes: '' });
    expect(abandoned).toMatchObject({ durationSec: 0, waitSec: 42, holdSec: 0, agentId: null, agentName: null, outcome: 'abandoned' });
  });

  it('names the outcome of every way a call can end', () => {
    const ended = (outcome: VoiceCall['outcome']) => callInteraction(ID, { ...call, answeredAt: null, outcome }, context)?.outcome;
    expect([ended('unanswered'), ended('released'), ended('declined'), ended('abandoned')]).toEqual(['missed', 'released', 'declined', 'abandoned']);
  });

  it('shows a withheld number as anonymous', () => {
    expect(callInteraction(ID, { ...call, caller: null }, context)?.from).toBe('anonymous');
  });

  it('is an outbound call from the agent to the number they dialled', () => {
    const outbound = callInteraction(ID, { ...call, direction: 'outbound', dialled: '+8613800138000', caller: null, taskId: null }, { ...context, queue: null });
    expect(outbound).toMatchObject({ direction: 'outbound', from: 'agent1', to: '+8613800138000', agentId: call.agentId, queue: null });
  });

  it('is left out for a call with no customer or not ended yet', () => {
    expect(callInteraction(ID, { ...call, customerId: null }, context)).toBeNull();
    expect(callInteraction(ID, { ...call, endedAt: null, outcome: null }, context)).toBeNull();
  });

  it('still parses as rows written before the figures existed', () => {
    const old = { id: ID, customerId: call.customerId, occurredAt: NOW, agentId: null, channel: 'call', direction: 'inbound', from: '+8613800138000', to: 'support', durationSec: 12, disposition: null };
    expect(InteractionSchema.parse(old)).toEqual(old);
  });
});

describe('wait, talk and hold time', () => {
  const answered = { arrivedAt: NOW, answeredAt: NOW + 15_000 };

  it('takes several holds out of the talk time', () => {
    let hold = holdChanged(NO_HOLD, true, NOW + 20_000);
    hold = holdChanged(hold, false, NOW + 30_000);
    hold = holdChanged(hold, true, NOW + 40_000);
    hold = holdChanged(hold, false, NOW + 45_500);
    expect(hold).toEqual({ heldMs: 15_500, heldSince: null, holds: 2 });
    expect(callFigures(answered, NOW + 75_000, hold)).toEqual({ waitSec: 15, talkSec: 45, holdSec: 16 });
  });

  it('counts a hold still open at the end up to the end', () => {
    const hold = holdChanged(holdChanged(holdChanged(NO_HOLD, true, NOW + 20_000), false, NOW + 25_000), true, NOW + 60_000);
    expect(callFigures(answered, NOW + 75_000, hold)).toEqual({ waitSec: 15, talkSec: 40, holdSec: 20 });
  });

  it('ignores a repeated hold or resume (a desktop that re-sends)', () => {
    const once = holdChanged(NO_HOLD, true, NOW + 20_000);
    expect(holdChanged(once, true, NOW + 25_000)).toBe(once);
    const resumed = holdChanged(once, false, NOW + 30_000);
    expect(holdChanged(resumed, false, NOW + 35_000)).toBe(resumed);
    expect(resumed).toEqual({ heldMs: 10_000, heldSince: null, holds: 1 });
  });

  it('waits until the end for a call nobody answered, with no talk or hold', () => {
    const hold = holdChanged(NO_HOLD, true, NOW + 1_000);
    expect(callFigures({ arrivedAt: NOW, answeredAt: null }, NOW + 33_400, hold)).toEqual({ waitSec: 33, talkSec: 0, holdSec: 0 });
  });

  it('never goes negative, and never holds longer than the call was answered', () => {
    expect(callFigures(answered, NOW + 14_000)).toEqual({ waitSec: 15, talkSec: 0, holdSec: 0 });
    const early = holdChanged(NO_HOLD, true, NOW);
    expect(callFigures(answered, NOW + 25_000, early)).toEqual({ waitSec: 15, talkSec: 0, holdSec: 10 });
  });
});
