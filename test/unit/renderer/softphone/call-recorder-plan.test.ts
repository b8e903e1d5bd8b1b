import { describe, expect, it } from 'vitest';
import { recordingChanges, uploadOutcome } from '../../../../renderer/softphone/call-recorder-plan';
import { type Call, INITIAL_PHONE_STATE, NO_VIDEO, type PhoneState } from '../../../../renderer/softphone/call-state';

const call = (id: string, phase: Call['phase']): Call => ({
  id,
  sipCallId: `${id}@sip`,
  direction: 'inbound',
  phase,
  party: { kind: 'number', e164: '+8613800000000', display: null },
  pop: { kind: 'none' },
  startedAt: 0,
  connectedAt: phase === 'connected' ? 1 : null,
  muted: false,
  held: false,
  video: NO_VIDEO,
});
const withCall = (current: Call | null, second: Call | null = null): PhoneState => ({
  ...INITIAL_PHONE_STATE,
  call: current,
  second: second ? { kind: 'consult', call: second } : null,
});

describe('which calls the recorder starts and ends', () => {
  it('starts once the caller is connected, not while ringing, and only once', () => {
    expect(recordingChanges(new Set(), withCall(call('a', 'ringing')))).toEqual({ start: [], end: [] });
    const connected = call('a', 'connected');
    expect(recordingChanges(new Set(), withCall(connected))).toEqual({ start: [connected], end: [] });
    expect(recordingChanges(new Set(['a']), withCall(connected))).toEqual({ start: [], end: [] });
  });

  it('leaves a consult leg alone and ends the recording when the caller is gone', () => {
    expect(recordingChanges(new Set(['a']), withCall(call('a', 'connected'), call('b', 'connected')))).toEqual({ start: [], end: [] });
    expect(recordingChanges(new Set(['a']), withCall(null))).toEqual({ start: [], end: ['a'] });
    // A followed transfer makes the second call the call: the old recording ends and the new call is asked about.
    const next = call('b', 'connected');
    expect(recordingChanges(new Set(['a']), withCall(next))).toEqual({ start: [next], end: ['a'] });
  });
});

describe("what the recorder does with the hub's answer to an upload", () => {
  it('deletes its copy once filed, and keeps trying while the hub is away or the session is being renewed', () => {
    expect(uploadOutcome({ status: 200, code: null })).toBe('filed');
    expect(uploadOutcome('network')).toBe('retry');
    expect(uploadOutcome({ status: 502, code: null })).toBe('retry');
    expect(uploadOutcome({ status: 500, code: 'internal' })).toBe('retry');
    expect(uploadOutcome({ status: 401, code: 'token-expired' })).toBe('retry');
    expect(uploadOutcome({ status: 429, code: 'rate-limited' })).toBe('retry');
  });

  it('stops sending what the hub refuses for good', () => {
    expect(uploadOutcome({ status: 403, code: 'forbidden' })).toBe('refused');
    expect(uploadOutcome({ status: 413, code: 'too-large' })).toBe('refused');
    expect(uploadOutcome({ status: 415, code: 'unsupported-type' })).toBe('refused');
    expect(uploadOutcome({ status: 404, code: 'not-found' })).toBe('refused');
  });
});
