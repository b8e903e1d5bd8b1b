import { describe, expect, it } from 'vitest';
import {
  canConsult,
  canMerge,
  canTakeCall,
  INITIAL_PHONE_STATE,
  type PhoneEvent,
  type PhoneState,
  reducePhone,
} from '../../../../renderer/softphone/call-state';

const caller = { kind: 'number', e164: '+8613812345678', display: null } as const;
const agent2 = { kind: 'extension', user: 'agent2', display: null } as const;
const run = (events: PhoneEvent[], from: PhoneState = INITIAL_PHONE_STATE) => events.reduce(reducePhone, from);

const onCall = run([
  { type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: caller, at: 1 },
  { type: 'connected', id: 'c1', at: 2 },
]);

const consulting = run(
  [
    { type: 'held', id: 'c1', held: true },
    { type: 'consulting', id: 'c2', sipCallId: 'sip-c2', party: agent2, at: 10 },
    { type: 'connected', id: 'c2', at: 12 },
  ],
  onCall,
);

describe('reducePhone: blind transfer', () => {
  it('shows the transfer as pending, and a failure keeps the call with the SIP code', () => {
    const pending = reducePhone(onCall, { type: 'transferring', id: 'c1', kind: 'blind', target: agent2 });
    expect(pending.transfer).toEqual({ kind: 'blind', target: agent2, status: 'pending' });
    expect(canConsult(pending)).toBe(false);
    const failed = reducePhone(pending, { type: 'transfer-failed', id: 'c1', code: 486 });
    expect(failed.transfer).toEqual({ kind: 'blind', target: agent2, status: 'failed', code: 486 });
    expect(failed.call).toMatchObject({ id: 'c1', phase: 'connected' });
    expect(reducePhone(failed, { type: 'dismiss' }).transfer).toBeNull();
  });

  it('ends the call as transferred once it goes through', () => {
    const pending = reducePhone(onCall, { type: 'transferring', id: 'c1', kind: 'blind', target: agent2 });
    const done = reducePhone(pending, { type: 'ended', id: 'c1', reason: 'transferred', at: 30 });
    expect(done).toMatchObject({ call: null, transfer: null, lastEnd: { reason: 'transferred', at: 30 } });
  });

  it('transfers only a connected call, and ignores a failure for no pending transfer', () => {
    const ringing = run([{ type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: caller, at: 1 }]);
    expect(reducePhone(ringing, { type: 'transferring', id: 'c1', kind: 'blind', target: agent2 }).transfer).toBeNull();
    expect(reducePhone(onCall, { type: 'transfer-failed', id: 'c1', code: 480 }).transfer).toBeNull();
  });
});

describe('reducePhone: consult, attended transfer and conference', () => {
  it('holds the caller and shows the consult call beside it, with no screen pop for it', () => {
    expect(consulting.call).toMatchObject({ id: 'c1', held: true, phase: 'connected' });
    expect(consulting.second).toMatchObject({ kind: 'consult', call: { id: 'c2', direction: 'outbound', phase: 'connected', connectedAt: 12, pop: { kind: 'none' } } });
    expect(canTakeCall(consulting)).toBe(false);
    expect(canConsult(consulting)).toBe(false);
  });

  it('consults only from a connected call', () => {
    const ringing = run([{ type: 'incoming', id: 'c1', sipCallId: 'sip-c1', party: caller, at: 1 }]);
    expect(reducePhone(ringing, { type: 'consulting', id: 'c2', sipCallId: 'sip-c2', party: agent2, at: 3 }).second).toBeNull();
    expect(reducePhone(INITIAL_PHONE_STATE, { type: 'consulting', id: 'c2', sipCallId: 'sip-c2', party: agent2, at: 3 }).second).toBeNull();
  });

  it('applies mute and hold to the consult call by its id', () => {
    const muted = reducePhone(consulting, { type: 'muted', id: 'c2', muted: true });
    expect(muted.second?.call.muted).toBe(true);
    expect(muted.call?.muted).toBe(false);
  });

  it('a cancelled or failed consult leaves the caller as it was', () => {
    const cancelled = reducePhone(consulting, { type: 'ended', id: 'c2', reason: 'hung-up', at: 20 });
    expect(cancelled.second).toBeNull();
    expect(cancelled.call).toMatchObject({ id: 'c1', held: true });
    const busy = run(
      [
        { type: 'consulting', id: 'c3', sipCallId: 'sip-c3', party: agent2, at: 21 },
        { type: 'ended', id: 'c3', reason: 'busy', at: 22 },
      ],
      cancelled,
    );
    expect(busy).toMatchObject({ second: null, call: { id: 'c1' }, lastEnd: { reason: 'busy' } });
  });

  it('completes an attended transfer: both calls end, the card clears', () => {
    const done = run(
      [
        { type: 'transferring', id: 'c1', kind: 'attended', target: agent2 },
        { type: 'ended', id: 'c2', reason: 'transferred', at: 40 },
        { type: 'ended', id: 'c1', reason: 'transferred', at: 41 },
      ],
      consulting,
    );
    expect(done).toMatchObject({ call: null, second: null, transfer: null, conference: false, lastEnd: { reason: 'transferred' } });
  });

  it('when the caller hangs up during a consult, the consult call becomes the call', () => {
    const state = reducePhone(consulting, { type: 'ended', id: 'c1', reason: 'remote-hung-up', at: 50 });
    expect(state.call).toMatchObject({ id: 'c2', party: agent2 });
    expect(state.second).toBeNull();
    expect(state.lastEnd?.reason).toBe('remote-hung-up');
  });

  it('merges only two connected calls, and either hang-up ends the conference but keeps the other call', () => {
    expect(canMerge(consulting)).toBe(true);
    const dialling = run(
      [
        { type: 'ended', id: 'c2', reason: 'hung-up', at: 20 },
        { type: 'consulting', id: 'c3', sipCallId: 'sip-c3', party: agent2, at: 21 },
        { type: 'conference', on: true },
      ],
      consulting,
    );
    expect(dialling.conference).toBe(false);

    const conference = reducePhone(consulting, { type: 'conference', on: true });
    expect(conference.conference).toBe(true);
    expect(canMerge(conference)).toBe(false);
    const callerLeft = reducePhone(conference, { type: 'ended', id: 'c1', reason: 'remote-hung-up', at: 60 });
    expect(callerLeft).toMatchObject({ conference: false, second: null, call: { id: 'c2' } });
    const agentLeft = reducePhone(conference, { type: 'ended', id: 'c2', reason: 'remote-hung-up', at: 60 });
    expect(agentLeft).toMatchObject({ conference: false, second: null, call: { id: 'c1' } });
  });
});

describe('reducePhone: the far end transfers us', () => {
  it('follows a REFER on a second line; when the referrer hangs up, the new call is the call', () => {
    const following = reducePhone(onCall, { type: 'following-referral', id: 'c9', sipCallId: 'sip-c9', party: agent2, at: 70 });
    expect(following.second).toMatchObject({ kind: 'referral', call: { id: 'c9', phase: 'dialling' } });
    const moved = run(
      [
        { type: 'connected', id: 'c9', at: 72 },
        { type: 'ended', id: 'c1', reason: 'transferred', at: 73 },
      ],
      following,
    );
    expect(moved).toMatchObject({ call: { id: 'c9', phase: 'connected', party: agent2 }, second: null, lastEnd: { reason: 'transferred' } });
  });

  it('a referral that fails leaves the original call', () => {
    const state = run(
      [
        { type: 'following-referral', id: 'c9', sipCallId: 'sip-c9', party: agent2, at: 70 },
        { type: 'ended', id: 'c9', reason: 'busy', at: 71 },
      ],
      onCall,
    );
    expect(state).toMatchObject({ call: { id: 'c1', phase: 'connected' }, second: null });
  });

  it('an INVITE with Replaces swaps the call for the new party, with a fresh timer', () => {
    const state = run(
      [
        { type: 'replaced', id: 'c1', newId: 'c7', sipCallId: 'sip-c7', party: agent2, at: 80 },
        { type: 'connected', id: 'c7', at: 81 },
        { type: 'ended', id: 'c1', reason: 'remote-hung-up', at: 82 },
      ],
      onCall,
    );
    expect(state.call).toMatchObject({ id: 'c7', sipCallId: 'sip-c7', party: agent2, phase: 'connected', connectedAt: 81 });
    expect(state.lastEnd).toBeNull();
  });
});
