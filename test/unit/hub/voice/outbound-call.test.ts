import { describe, expect, it } from 'vitest';
import type { User } from '../../../../shared/domain/user';
import type { VoiceCall } from '../../../../hub/db/voice-queries';
import { HOME_ONLY } from '../../../../hub/voice/dial-policy';
import { answerForOutbound, decideOutbound, OUTBOUND_RING_SEC, type OutboundLine } from '../../../../hub/voice/outbound-call';

const AGENT = '01HZ0000000000000000000003';
const agent: User = { id: AGENT, username: 'agent1', displayName: 'Agent One', role: 'agent' };
const line: OutboundLine = { trunk: 'sip:203.0.113.9:5060', callerId: '+862088886666', allow: HOME_ONLY };

describe('decideOutbound', () => {
  it('lets an agent or a supervisor dial a home number, normalised', () => {
    expect(decideOutbound(agent, '13800138000', line, 'CN')).toEqual({ ok: true, e164: '+8613800138000', agentId: AGENT });
    expect(decideOutbound({ ...agent, role: 'supervisor' }, '+8613800138000', line, 'CN')).toMatchObject({ ok: true });
  });

  it('refuses a caller who is not an authenticated agent (a trunk, authentication off, an administrator) with 403 agents-only', () => {
    for (const dialler of [null, { ...agent, role: 'admin' as const }]) {
      expect(decideOutbound(dialler, '13800138000', line, 'CN')).toEqual({
        ok: false,
        answer: { action: 'reject', status: 403, refusal: 'agents-only', reason: 'only an agent signed in to their softphone may dial out' },
      });
    }
  });

  it('answers 503 no-outbound-line without a trunk or a caller ID to present', () => {
    for (const missing of [{ trunk: null }, { callerId: null }]) {
      expect(decideOutbound(agent, '13800138000', { ...line, ...missing }, 'CN')).toMatchObject({ ok: false, answer: { status: 503, refusal: 'no-outbound-line' } });
    }
  });

  it('answers 484 for what is not a number and 403 for a destination the rule does not allow', () => {
    expect(decideOutbound(agent, '110', line, 'CN')).toMatchObject({ ok: false, answer: { status: 484, refusal: 'not-a-number' } });
    expect(decideOutbound(agent, '+442079460018', line, 'CN')).toMatchObject({ ok: false, answer: { status: 403, refusal: 'destination-not-allowed' } });
  });
});

describe('answerForOutbound', () => {
  const call: VoiceCall = {
    callId: 'out-1@switchboard.local',
    taskId: null,
    dialled: '+8613800138000',
    caller: null,
    callerName: '',
    customerId: null,
    agentId: AGENT,
    arrivedAt: 1_700_000_000_000,
    answeredAt: null,
    endedAt: null,
    outcome: null,
    callbackTaskId: null,
    direction: 'outbound',
    interactionId: null,
  };

  it('dials the number through the trunk with the line’s caller ID', () => {
    expect(answerForOutbound(call, '+862088886666')).toEqual({ action: 'outbound', number: '+8613800138000', callerId: '+862088886666', agentId: AGENT, timeoutSec: OUTBOUND_RING_SEC });
  });

  it('answers 480 once the call has ended, and no-outbound-line when the line has gone', () => {
    expect(answerForOutbound({ ...call, endedAt: call.arrivedAt + 1 }, '+862088886666')).toMatchObject({ action: 'reject', status: 480 });
    expect(answerForOutbound(call, null)).toMatchObject({ action: 'reject', status: 503, refusal: 'no-outbound-line' });
  });
});
