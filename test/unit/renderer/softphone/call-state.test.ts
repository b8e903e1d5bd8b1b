import { describe, expect, it } from 'vitest';
import { canTakeCall, INITIAL_PHONE_STATE, type PhoneEvent, type PhoneState, reducePhone } from '../../../../renderer/softphone/call-state';

const number = { kind: 'number', e164: '+8613812345678', display: null } as const;
const run = (events: PhoneEvent[], from: PhoneState = INITIAL_PHONE_STATE) => events.reduce(reducePhone, from);

describe('reducePhone', () => {
  it('follows registration as the SIP layer reports it', () => {
    const state = run([
      { type: 'registration', registration: { kind: 'registering' } },
      { type: 'registration', registration: { kind: 'unavailable', reason: 'unreachable' } },
    ]);
    expect(state.registration).toEqual({ kind: 'unavailable', reason: 'unreachable' });
  });

  it('rings, answers, connects with a timer start, and ends with a reason', () => {
    const ringing = run([{ type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: number, at: 1000 }]);
    expect(ringing.call).toMatchObject({ phase: 'ringing', direction: 'inbound', pop: { kind: 'looking' }, connectedAt: null });
    const connected = run(
      [
        { type: 'answering', id: 'c1' },
        { type: 'connected', id: 'c1', at: 5000 },
      ],
      ringing,
    );
    expect(connected.call).toMatchObject({ phase: 'connected', connectedAt: 5000 });
    const ended = reducePhone(connected, { type: 'ended', id: 'c1', reason: 'remote-hung-up', at: 9000 });
    expect(ended.call).toBeNull();
    expect(ended.lastEnd).toEqual({ reason: 'remote-hung-up', at: 9000 });
  });

  it('has nothing to look up for an extension or a withheld number', () => {
    expect(run([{ type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: { kind: 'anonymous' }, at: 1 }]).call?.pop).toEqual({ kind: 'none' });
    expect(run([{ type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: { kind: 'extension', user: 'agent2', display: null }, at: 1 }]).call?.pop).toEqual({
      kind: 'none',
    });
  });

  it('keeps the first call when a second one arrives', () => {
    const state = run([
      { type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: number, at: 1 },
      { type: 'incoming', id: 'c2', sipCallId: 'sip-c2', party: number, at: 2 },
    ]);
    expect(state.call?.id).toBe('c1');
    expect(canTakeCall(state)).toBe(false);
  });

  it('ignores events for a call that is not the current one', () => {
    const state = run([
      { type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: number, at: 1 },
      { type: 'ended', id: 'old', reason: 'missed', at: 2 },
      { type: 'screen-pop', id: 'old', pop: { kind: 'unknown' } },
      { type: 'connected', id: 'old', at: 3 },
    ]);
    expect(state.call).toMatchObject({ id: 'c1', phase: 'ringing', pop: { kind: 'looking' } });
  });

  it('mutes and holds only a connected call', () => {
    const ringing = run([{ type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: number, at: 1 }]);
    expect(reducePhone(ringing, { type: 'muted', id: 'c1', muted: true }).call?.muted).toBe(false);
    const connected = reducePhone(ringing, { type: 'connected', id: 'c1', at: 2 });
    const held = run(
      [
        { type: 'muted', id: 'c1', muted: true },
        { type: 'held', id: 'c1', held: true },
      ],
      connected,
    );
    expect(held.call).toMatchObject({ muted: true, held: true });
  });

  it('keeps the first connect time when a re-INVITE reports connected again', () => {
    const state = run([
      { type: 'dialling', id: 'c1', sipCallId: 'sip-c1', party: number, at: 1 },
      { type: 'connected', id: 'c1', at: 10 },
      { type: 'connected', id: 'c1', at: 99 },
    ]);
    expect(state.call).toMatchObject({ direction: 'outbound', connectedAt: 10, pop: { kind: 'none' } });
  });

  it('records a blocked microphone, and a new call clears the last end', () => {
    const denied = reducePhone(INITIAL_PHONE_STATE, { type: 'media-denied', at: 5 });
    expect(denied.lastEnd).toEqual({ reason: 'media-denied', at: 5 });
    expect(reducePhone(denied, { type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: number, at: 6 }).lastEnd).toBeNull();
    expect(reducePhone(denied, { type: 'dismiss' }).lastEnd).toBeNull();
  });
});
