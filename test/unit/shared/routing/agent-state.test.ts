import { describe, expect, it } from 'vitest';
import { type AgentState, DEFAULT_AWAY_REASONS, MISSED_OFFERS_REASON } from '../../../../shared/domain/routing';
import {
  afterMissedOffer,
  type AgentStateRequest,
  changeAgentState,
  mayReceiveOffers,
  tickAgentState,
} from '../../../../shared/routing/agent-state';
import { makeAgent, NOW } from './fixtures';

const REASONS = DEFAULT_AWAY_REASONS.map((r) => r.code);
const T0 = NOW - 100_000;
const states: Record<AgentState['status'], AgentState> = {
  offline: { status: 'offline', since: T0 },
  available: { status: 'available', since: T0 },
  away: { status: 'away', since: T0, reasonCode: 'lunch' },
  'wrap-up': { status: 'wrap-up', since: T0, until: NOW + 10_000 },
};
const change = (state: AgentState, request: AgentStateRequest) => changeAgentState(state, request, NOW, REASONS);

describe('changeAgentState', () => {
  it.each(Object.keys(states))('%s → available, offline, away(break) are all allowed', (status) => {
    const from = states[status as AgentState['status']];
    expect(change(from, { kind: 'available' })).toMatchObject({ ok: true, state: { status: 'available' } });
    expect(change(from, { kind: 'offline' })).toMatchObject({ ok: true, state: { status: 'offline' } });
    expect(change(from, { kind: 'away', reasonCode: 'break' })).toMatchObject({ ok: true, state: { status: 'away', reasonCode: 'break', since: NOW } });
  });

  it('keeps the clock when asked for the state it is already in', () => {
    expect(change(states.available, { kind: 'available' })).toEqual({ ok: true, state: states.available });
    expect(change(states.offline, { kind: 'offline' })).toEqual({ ok: true, state: states.offline });
    expect(change(states.away, { kind: 'away', reasonCode: 'lunch' })).toEqual({ ok: true, state: states.away });
    expect(change(states.away, { kind: 'away', reasonCode: 'meeting' })).toMatchObject({ ok: true, state: { reasonCode: 'meeting', since: NOW } });
  });

  it('refuses reasons that are not on the admin list, and the hub-only missed-offers', () => {
    expect(change(states.available, { kind: 'away', reasonCode: 'nap' })).toMatchObject({ ok: false, error: { code: 'unknown-reason' } });
    expect(change(states.available, { kind: 'away', reasonCode: MISSED_OFFERS_REASON })).toMatchObject({ ok: false, error: { code: 'unknown-reason' } });
  });

  it('starts wrap-up from available, extends it from wrap-up, and refuses it when away or offline', () => {
    expect(change(states.available, { kind: 'wrap-up', durationSec: 30 })).toEqual({ ok: true, state: { status: 'wrap-up', since: NOW, until: NOW + 30_000 } });
    expect(change(states['wrap-up'], { kind: 'wrap-up', durationSec: 30 })).toEqual({ ok: true, state: { ...states['wrap-up'], until: NOW + 30_000 } });
    expect(change(states['wrap-up'], { kind: 'wrap-up', durationSec: 1 })).toEqual({ ok: true, state: states['wrap-up'] });
    for (const from of [states.away, states.offline]) {
      expect(change(from, { kind: 'wrap-up', durationSec: 30 })).toMatchObject({ ok: false, error: { code: 'invalid-transition' } });
    }
  });
});

describe('tickAgentState', () => {
  it('ends wrap-up when the timer runs out, available from that moment', () => {
    const wrap = states['wrap-up'];
    expect(tickAgentState(wrap, NOW + 9_999)).toBe(wrap);
    expect(tickAgentState(wrap, NOW + 60_000)).toEqual({ status: 'available', since: NOW + 10_000 });
    expect(tickAgentState(states.away, NOW + 60_000)).toBe(states.away);
  });
});

describe('afterMissedOffer and mayReceiveOffers', () => {
  const profile = makeAgent(1).profile; // maxMissedBeforeAway: 3

  it('sets the agent away after N misses in a row, not before', () => {
    expect(afterMissedOffer(states.available, 2, profile, NOW)).toBe(states.available);
    expect(afterMissedOffer(states.available, 3, profile, NOW)).toEqual({ status: 'away', since: NOW, reasonCode: MISSED_OFFERS_REASON });
  });

  it('never when the limit is 0, and leaves other states alone', () => {
    expect(afterMissedOffer(states.available, 50, { ...profile, maxMissedBeforeAway: 0 }, NOW)).toBe(states.available);
    expect(afterMissedOffer(states.offline, 5, profile, NOW)).toBe(states.offline);
  });

  it('only available agents get offers', () => {
    expect(Object.values(states).filter(mayReceiveOffers)).toEqual([states.available]);
  });
});
