import { describe, expect, it } from 'vitest';
import { supervisorSpeaks, supervisorVoiceRoute } from '../../../../../renderer/features/monitor/monitor-mode';
import { candidateForWire } from '../../../../../renderer/features/monitor/peer-link';
import { IceCandidateSchema } from '../../../../../shared/protocol/monitor';

describe("where the supervisor's voice goes", () => {
  it('nowhere when listening, the agent only when whispering, the caller too when barging', () => {
    expect(supervisorVoiceRoute('listen', false)).toEqual({ agentHears: false, callerHears: false });
    expect(supervisorVoiceRoute('whisper', false)).toEqual({ agentHears: true, callerHears: false });
    expect(supervisorVoiceRoute('barge', false)).toEqual({ agentHears: true, callerHears: true });
  });

  it('in a three-way conference a barge reaches the agent only, leaving the conference mix alone', () => {
    expect(supervisorVoiceRoute('barge', true)).toEqual({ agentHears: true, callerHears: false });
    expect(supervisorVoiceRoute('listen', true)).toEqual({ agentHears: false, callerHears: false });
  });

  it("opens the supervisor's microphone only when someone will hear it", () => {
    expect(supervisorSpeaks('listen')).toBe(false);
    expect(supervisorSpeaks('whisper')).toBe(true);
    expect(supervisorSpeaks('barge')).toBe(true);
  });
});

describe('candidates on the wire', () => {
  it("sends a browser candidate as the hub's schema takes it, and the end of gathering as the empty candidate", () => {
    const browser = {
      toJSON: () => ({ candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' }),
    } as RTCIceCandidate;
    const wire = candidateForWire(browser);
    expect(wire).toEqual({ candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' });
    expect(IceCandidateSchema.safeParse(wire).success).toBe(true);
    expect(candidateForWire(null)).toEqual({ candidate: '' });
    expect(IceCandidateSchema.safeParse(candidateForWire(null)).success).toBe(true);
    // Fields a browser leaves out become nulls, which the schema takes.
    const bare = candidateForWire({ toJSON: () => ({ candidate: 'candidate:2 1 udp 1 10.0.0.1 9 typ host' }) } as RTCIceCandidate);
    expect(bare).toEqual({ candidate: 'candidate:2 1 udp 1 10.0.0.1 9 typ host', sdpMid: null, sdpMLineIndex: null, usernameFragment: null });
    expect(IceCandidateSchema.safeParse(bare).success).toBe(true);
  });
});
