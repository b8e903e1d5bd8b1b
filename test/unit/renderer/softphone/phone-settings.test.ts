import { describe, expect, it } from 'vitest';
import { formatCallDuration } from '../../../../renderer/softphone/call-timer';
import { defaultWsUrl, effectiveWsUrl, parseSettingsInput } from '../../../../renderer/softphone/phone-settings';

describe('phone settings', () => {
  it('defaults the SIP WebSocket to the hub host, wss for an https hub', () => {
    expect(defaultWsUrl('http://10.0.0.5:4310')).toBe('ws://10.0.0.5:5066');
    expect(defaultWsUrl('https://hub.example.com')).toBe('wss://hub.example.com:5066');
    expect(effectiveWsUrl({ wsUrl: 'wss://sip.example.com/ws', iceServers: [] }, 'http://x')).toBe('wss://sip.example.com/ws');
  });

  it('reads the form: blank URL = default, ICE servers one a line, empty by default', () => {
    expect(parseSettingsInput({ wsUrl: ' ', iceServers: '\n' })).toEqual({ ok: true, settings: { wsUrl: null, iceServers: [] } });
    expect(parseSettingsInput({ wsUrl: 'ws://127.0.0.1:5066', iceServers: 'stun:stun.example.com:3478\n turn:turn.example.com ' })).toEqual({
      ok: true,
      settings: { wsUrl: 'ws://127.0.0.1:5066', iceServers: ['stun:stun.example.com:3478', 'turn:turn.example.com'] },
    });
  });

  it('names the field that is wrong', () => {
    expect(parseSettingsInput({ wsUrl: 'http://hub', iceServers: '' })).toEqual({ ok: false, problem: 'ws-url' });
    expect(parseSettingsInput({ wsUrl: '', iceServers: 'stun.example.com' })).toEqual({ ok: false, problem: 'ice-servers' });
  });
});

describe('formatCallDuration', () => {
  it('reads like a phone display', () => {
    expect(formatCallDuration(0)).toBe('0:00');
    expect(formatCallDuration(7_900)).toBe('0:07');
    expect(formatCallDuration(754_000)).toBe('12:34');
    expect(formatCallDuration(3_723_000)).toBe('1:02:03');
    expect(formatCallDuration(-50)).toBe('0:00');
  });
});
